using System.Data.Common;
using Backtesting.Application.Runs;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Contracts;

/// <summary>What every <see cref="Application.Ports.IRunStore"/> does, run against each backend.</summary>
public abstract class RunStoreContractTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : StorageFixture
{
    protected TFixture Fixture { get; } = fixture;

    [Fact]
    public async Task CreateAsync_ThenGetByIdAsync_ReturnsEveryFieldInUtc()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();
        var parent = TestRuns.Run(userId, symbol, kind: RunKind.Optimization);
        await Fixture.Runs.CreateAsync(parent);
        var run = TestRuns.Run(userId, symbol, RunStatus.Running, kind: RunKind.Backtest, parentRunId: parent.Id) with
        {
            Progress = 12.5,
            CurrentDate = new DateTime(2021, 6, 1, 15, 45, 30, 123, DateTimeKind.Utc),
            TradesExecuted = 7,
            Error = "none yet",
            CompletedAt = new DateTime(2024, 3, 2, 0, 0, 0, DateTimeKind.Utc),
        };

        await Fixture.Runs.CreateAsync(run);
        var stored = await Fixture.Runs.GetByIdAsync(run.Id);

        Assert.NotNull(stored);
        JsonAssert.Equivalent(run.Parameters, stored.Parameters);
        JsonAssert.Equivalent(run.Request, stored.Request);
        Assert.Equal(run with { Parameters = null, Request = null }, stored with { Parameters = null, Request = null });
        Assert.Equal(DateTimeKind.Utc, stored.CreatedAt.Kind);
        Assert.Equal(DateTimeKind.Utc, stored.StartDate.Kind);
        Assert.Equal(DateTimeKind.Utc, stored.CurrentDate!.Value.Kind);
    }

    [Fact]
    public async Task CreateAsync_DuplicateId_Throws()
    {
        var run = await Fixture.CreateRunAsync();

        await Assert.ThrowsAnyAsync<DbException>(() => Fixture.Runs.CreateAsync(run));
    }

    [Fact]
    public async Task CreateAsync_UnknownUserOrAsset_ThrowsForeignKeyViolation()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();

        await Assert.ThrowsAnyAsync<DbException>(() => Fixture.Runs.CreateAsync(TestRuns.Run("no-such-user", symbol)));
        await Assert.ThrowsAnyAsync<DbException>(() => Fixture.Runs.CreateAsync(TestRuns.Run(userId, "NO-SUCH-ASSET")));
    }

    [Fact]
    public async Task GetAsync_OwnRun_ReturnsIt_OtherUsersRun_ReturnsNull()
    {
        var (owner, symbol) = await Fixture.SeedUserAndAssetAsync();
        var (other, _) = await Fixture.SeedUserAndAssetAsync();
        var run = TestRuns.Run(owner, symbol);
        await Fixture.Runs.CreateAsync(run);

        Assert.NotNull(await Fixture.Runs.GetAsync(owner, run.Id));
        Assert.Null(await Fixture.Runs.GetAsync(other, run.Id));
        Assert.Null(await Fixture.Runs.GetAsync(owner, "bt-missing"));
        Assert.Null(await Fixture.Runs.GetByIdAsync("bt-missing"));
    }

    [Fact]
    public async Task ListAsync_ReturnsOnlyTheUsersRunsNewestFirst_PagedWithTotal()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();
        var (other, _) = await Fixture.SeedUserAndAssetAsync();
        var runs = Enumerable.Range(0, 5).Select(i => TestRuns.Run(userId, symbol, createdAt: TestRuns.Created.AddMinutes(i))).ToList();
        foreach (var run in runs.AsEnumerable().Reverse())
            await Fixture.Runs.CreateAsync(run);
        await Fixture.Runs.CreateAsync(TestRuns.Run(other, symbol, createdAt: TestRuns.Created.AddMinutes(2)));

        var all = await Fixture.Runs.ListAsync(new RunQuery(userId));
        var page = await Fixture.Runs.ListAsync(new RunQuery(userId, Offset: 1, Limit: 2));
        var beyond = await Fixture.Runs.ListAsync(new RunQuery(userId, Offset: 10, Limit: 2));

        Assert.Equal(runs.Select(r => r.Id).Reverse(), all.Items.Select(r => r.Id));
        Assert.Equal(5, all.Total);
        Assert.Equal([runs[3].Id, runs[2].Id], page.Items.Select(r => r.Id));
        Assert.Equal(new Page<BacktestRun>(page.Items, 5, 1, 2), page);
        Assert.Empty(beyond.Items);
        Assert.Equal(5, beyond.Total);
    }

    [Fact]
    public async Task ListAsync_FiltersByStatusAndKind()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();
        var done = TestRuns.Run(userId, symbol, RunStatus.Completed);
        var optimization = TestRuns.Run(userId, symbol, RunStatus.Pending, kind: RunKind.Optimization);
        var pending = TestRuns.Run(userId, symbol, RunStatus.Pending);
        foreach (var run in new[] { done, optimization, pending })
            await Fixture.Runs.CreateAsync(run);

        var completed = await Fixture.Runs.ListAsync(new RunQuery(userId, Status: RunStatus.Completed));
        var optimizations = await Fixture.Runs.ListAsync(new RunQuery(userId, Kind: RunKind.Optimization));
        var pendingBacktests = await Fixture.Runs.ListAsync(new RunQuery(userId, RunStatus.Pending, RunKind.Backtest));

        Assert.Equal([done.Id], completed.Items.Select(r => r.Id));
        Assert.Equal([optimization.Id], optimizations.Items.Select(r => r.Id));
        Assert.Equal([pending.Id], pendingBacktests.Items.Select(r => r.Id));
        Assert.Equal(1, pendingBacktests.Total);
    }

    [Fact]
    public async Task ListAsync_NegativeOffset_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Fixture.Runs.ListAsync(new RunQuery("u", Offset: -1)));
    }

    [Fact]
    public async Task ListUnfinishedAsync_ReturnsPendingAndRunningOldestFirst()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();
        var running = TestRuns.Run(userId, symbol, RunStatus.Running, TestRuns.Created.AddYears(-20));
        var pending = TestRuns.Run(userId, symbol, RunStatus.Pending, TestRuns.Created.AddYears(-19));
        var failed = TestRuns.Run(userId, symbol, RunStatus.Failed, TestRuns.Created.AddYears(-21));
        foreach (var run in new[] { pending, failed, running })
            await Fixture.Runs.CreateAsync(run);

        var unfinished = (await Fixture.Runs.ListUnfinishedAsync()).Select(r => r.Id).Where(id => id == running.Id || id == pending.Id || id == failed.Id);

        Assert.Equal([running.Id, pending.Id], unfinished);
    }

    [Fact]
    public async Task ListChildrenAsync_ReturnsChildrenOldestFirst()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();
        var parent = TestRuns.Run(userId, symbol, kind: RunKind.Optimization);
        await Fixture.Runs.CreateAsync(parent);
        var children = Enumerable.Range(0, 3).Select(i => TestRuns.Run(userId, symbol, createdAt: TestRuns.Created.AddSeconds(3 - i), parentRunId: parent.Id)).ToList();
        foreach (var child in children)
            await Fixture.Runs.CreateAsync(child);

        var stored = await Fixture.Runs.ListChildrenAsync(parent.Id);

        Assert.Equal(children.Select(c => c.Id).Reverse(), stored.Select(c => c.Id));
        Assert.Empty(await Fixture.Runs.ListChildrenAsync(children[0].Id));
    }

    [Fact]
    public async Task TryTransitionAsync_FromMatchingStatus_ChangesStatusAndStampsTerminal()
    {
        var run = await Fixture.CreateRunAsync();

        Assert.True(await Fixture.Runs.TryTransitionAsync(run.Id, [RunStatus.Pending], RunStatus.Running));
        var running = await Fixture.Runs.GetByIdAsync(run.Id);
        Assert.True(await Fixture.Runs.TryTransitionAsync(run.Id, [RunStatus.Pending, RunStatus.Running], RunStatus.Failed, "engine exploded"));
        var failed = await Fixture.Runs.GetByIdAsync(run.Id);

        Assert.Equal(RunStatus.Running, running!.Status);
        Assert.Null(running.CompletedAt);
        Assert.True(running.UpdatedAt > run.UpdatedAt);
        Assert.Equal(RunStatus.Failed, failed!.Status);
        Assert.Equal("engine exploded", failed.Error);
        Assert.NotNull(failed.CompletedAt);
        Assert.Equal(DateTimeKind.Utc, failed.CompletedAt.Value.Kind);
    }

    [Fact]
    public async Task TryTransitionAsync_FromOtherStatus_ReturnsFalseAndChangesNothing()
    {
        var run = await Fixture.CreateRunAsync(RunStatus.Completed);

        Assert.False(await Fixture.Runs.TryTransitionAsync(run.Id, [RunStatus.Pending, RunStatus.Running], RunStatus.Cancelled));
        Assert.False(await Fixture.Runs.TryTransitionAsync("bt-missing", [RunStatus.Pending], RunStatus.Running));
        Assert.False(await Fixture.Runs.TryTransitionAsync(run.Id, [], RunStatus.Running));
        Assert.Equal(RunStatus.Completed, (await Fixture.Runs.GetByIdAsync(run.Id))!.Status);
    }

    [Fact]
    public async Task TryTransitionAsync_UnknownStatus_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Fixture.Runs.TryTransitionAsync("bt-x", [RunStatus.Pending], "exploded"));
    }

    [Fact]
    public async Task UpdateProgressAsync_StoresProgress_IgnoredOnceTerminal()
    {
        var run = await Fixture.CreateRunAsync(RunStatus.Running);
        var date = new DateTime(2022, 2, 2, 0, 0, 0, DateTimeKind.Utc);

        await Fixture.Runs.UpdateProgressAsync(new RunProgress(run.Id, 42.5, date, 17));
        var progressed = await Fixture.Runs.GetByIdAsync(run.Id);
        await Fixture.Runs.TryTransitionAsync(run.Id, [RunStatus.Running], RunStatus.Cancelled);
        await Fixture.Runs.UpdateProgressAsync(new RunProgress(run.Id, 50, date.AddDays(1), 20));
        var cancelled = await Fixture.Runs.GetByIdAsync(run.Id);

        Assert.Equal((42.5, date, 17), (progressed!.Progress, progressed.CurrentDate!.Value, progressed.TradesExecuted));
        Assert.Equal((42.5, 17), (cancelled!.Progress, cancelled.TradesExecuted));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Fixture.Runs.UpdateProgressAsync(new RunProgress(run.Id, 101, null, 0)));
    }

    [Fact]
    public async Task CompleteAsync_WritesResultTradesAndCompletedStatus()
    {
        var run = await Fixture.CreateRunAsync(RunStatus.Running);
        var completion = TestRuns.Completion(run.Id, 25);

        await Fixture.Runs.CompleteAsync(completion);

        var stored = await Fixture.Runs.GetByIdAsync(run.Id);
        Assert.Equal(RunStatus.Completed, stored!.Status);
        Assert.Equal(completion.CompletedAt, stored.CompletedAt);
        Assert.Equal(100, stored.Progress);
        var result = await Fixture.Runs.GetResultAsync(run.Id);
        Assert.NotNull(result);
        JsonAssert.Equivalent(completion.Result.Metrics, result.Metrics);
        JsonAssert.Equivalent(completion.Result.EquityCurve, result.EquityCurve);
        Assert.Equal(completion.Result with { Metrics = "", EquityCurve = null }, result with { Metrics = "", EquityCurve = null });
        var trades = await Fixture.Runs.GetTradesAsync(run.Id, 0, 100);
        Assert.Equal(25, trades.Total);
        Assert.Equal(completion.Trades, trades.Items);
    }

    [Fact]
    public async Task CompleteAsync_WithFinalProgress_StoresItsDateAndTrades_WithoutKeepsTheLastReported()
    {
        var reported = await Fixture.CreateRunAsync(RunStatus.Running);
        await Fixture.Runs.UpdateProgressAsync(new RunProgress(reported.Id, 40, new DateTime(2012, 5, 1, 0, 0, 0, DateTimeKind.Utc), 11));
        var final = await Fixture.CreateRunAsync(RunStatus.Running);
        await Fixture.Runs.UpdateProgressAsync(new RunProgress(final.Id, 40, new DateTime(2012, 5, 1, 0, 0, 0, DateTimeKind.Utc), 11));
        var lastBar = new DateTime(2013, 3, 1, 0, 0, 0, DateTimeKind.Utc);

        await Fixture.Runs.CompleteAsync(TestRuns.Completion(reported.Id, 3));
        await Fixture.Runs.CompleteAsync(TestRuns.Completion(final.Id, 3) with { FinalProgress = new RunProgress(final.Id, 100, lastBar, 46) });

        var kept = (await Fixture.Runs.GetByIdAsync(reported.Id))!;
        Assert.Equal((100.0, new DateTime(2012, 5, 1, 0, 0, 0, DateTimeKind.Utc), 11), (kept.Progress, kept.CurrentDate!.Value, kept.TradesExecuted));
        var stored = (await Fixture.Runs.GetByIdAsync(final.Id))!;
        Assert.Equal((RunStatus.Completed, 100.0, lastBar, 46), (stored.Status, stored.Progress, stored.CurrentDate!.Value, stored.TradesExecuted));
    }

    [Fact]
    public async Task CompleteAsync_FinalProgressOfAnotherRun_IsRefusedAndNothingWritten()
    {
        var run = await Fixture.CreateRunAsync(RunStatus.Running);

        await Assert.ThrowsAsync<ArgumentException>(() => Fixture.Runs.CompleteAsync(
            TestRuns.Completion(run.Id, 1) with { FinalProgress = new RunProgress("bt-other", 100, null, 0) }));

        Assert.Equal(RunStatus.Running, (await Fixture.Runs.GetByIdAsync(run.Id))!.Status);
    }

    [Fact]
    public async Task CompleteAsync_FailureMidwayThroughTrades_LeavesNoRowsAndStatusUnchanged()
    {
        var run = await Fixture.CreateRunAsync(RunStatus.Running);
        var completion = TestRuns.Completion(run.Id, 5_000);
        var trades = completion.Trades.ToList();
        trades[2_500] = trades[2_500] with { Direction = "sideways" }; // violates the direction CHECK constraint

        await Assert.ThrowsAnyAsync<DbException>(() => Fixture.Runs.CompleteAsync(completion with { Trades = trades }));

        var stored = await Fixture.Runs.GetByIdAsync(run.Id);
        Assert.Equal(RunStatus.Running, stored!.Status);
        Assert.Null(stored.CompletedAt);
        Assert.Null(await Fixture.Runs.GetResultAsync(run.Id));
        Assert.Equal(0, (await Fixture.Runs.GetTradesAsync(run.Id, 0, 10)).Total);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("SELECT COUNT(*) FROM backtest_results WHERE backtest_run_id = @Id", new { run.Id }));

        // The run can still complete afterwards.
        await Fixture.Runs.CompleteAsync(completion);
        Assert.Equal(5_000, (await Fixture.Runs.GetTradesAsync(run.Id, 0, 1)).Total);
    }

    [Fact]
    public async Task CompleteAsync_DuplicateTradeSequenceAtTheEnd_LeavesNoRows()
    {
        var run = await Fixture.CreateRunAsync(RunStatus.Running);
        var completion = TestRuns.Completion(run.Id, 100);
        var trades = completion.Trades.ToList();
        trades[99] = trades[99] with { Sequence = 0 };

        await Assert.ThrowsAnyAsync<DbException>(() => Fixture.Runs.CompleteAsync(completion with { Trades = trades }));

        Assert.Equal(RunStatus.Running, (await Fixture.Runs.GetByIdAsync(run.Id))!.Status);
        Assert.Null(await Fixture.Runs.GetResultAsync(run.Id));
        Assert.Equal(0, (await Fixture.Runs.GetTradesAsync(run.Id, 0, 10)).Total);
    }

    [Fact]
    public async Task CompleteAsync_TerminalRun_ThrowsAndWritesNothing()
    {
        var run = await Fixture.CreateRunAsync(RunStatus.Cancelled);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Fixture.Runs.CompleteAsync(TestRuns.Completion(run.Id, 3)));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Fixture.Runs.CompleteAsync(TestRuns.Completion("bt-missing", 3)));

        Assert.Null(await Fixture.Runs.GetResultAsync(run.Id));
        Assert.Equal(RunStatus.Cancelled, (await Fixture.Runs.GetByIdAsync(run.Id))!.Status);
    }

    [Fact]
    public async Task CompleteAsync_CompletedTwice_SecondThrows()
    {
        var run = await Fixture.CreateRunAsync(RunStatus.Running);
        await Fixture.Runs.CompleteAsync(TestRuns.Completion(run.Id, 2));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Fixture.Runs.CompleteAsync(TestRuns.Completion(run.Id, 2)));
    }

    [Fact]
    public async Task CompleteAsync_TradeOfAnotherRun_ThrowsBeforeWriting()
    {
        var run = await Fixture.CreateRunAsync(RunStatus.Running);
        var completion = TestRuns.Completion(run.Id, 2);

        await Assert.ThrowsAsync<ArgumentException>(() => Fixture.Runs.CompleteAsync(completion with { Trades = TestRuns.Trades("bt-other", 2) }));
        Assert.Equal(RunStatus.Running, (await Fixture.Runs.GetByIdAsync(run.Id))!.Status);
    }

    [Fact]
    public async Task CompleteAsync_NoTrades_WritesResult()
    {
        var run = await Fixture.CreateRunAsync(RunStatus.Pending);

        await Fixture.Runs.CompleteAsync(TestRuns.Completion(run.Id, 0));

        var trades = await Fixture.Runs.GetTradesAsync(run.Id, 0, 10);
        Assert.NotNull(await Fixture.Runs.GetResultAsync(run.Id));
        Assert.Empty(trades.Items);
        Assert.Equal(0, trades.Total);
    }

    [Fact]
    public async Task GetTradesAsync_PagesInSequenceOrderWithTotal()
    {
        var run = await Fixture.CreateRunAsync(RunStatus.Running);
        var completion = TestRuns.Completion(run.Id, 53);
        // Written out of order: the page order comes from the sequence, not from insertion.
        await Fixture.Runs.CompleteAsync(completion with { Trades = completion.Trades.AsEnumerable().Reverse().ToList() });

        var first = await Fixture.Runs.GetTradesAsync(run.Id, 0, 20);
        var last = await Fixture.Runs.GetTradesAsync(run.Id, 40, 20);
        var none = await Fixture.Runs.GetTradesAsync(run.Id, 60, 20);
        var countOnly = await Fixture.Runs.GetTradesAsync(run.Id, 0, 0);

        Assert.Equal(Enumerable.Range(0, 20), first.Items.Select(t => t.Sequence));
        Assert.Equal(Enumerable.Range(40, 13), last.Items.Select(t => t.Sequence));
        Assert.Equal(completion.Trades.Skip(40), last.Items);
        Assert.Equal((53L, 40, 20), (last.Total, last.Offset, last.Limit));
        Assert.Empty(none.Items);
        Assert.Equal(53, none.Total);
        Assert.Empty(countOnly.Items);
        Assert.Equal(53, countOnly.Total);
        Assert.Equal(0, (await Fixture.Runs.GetTradesAsync("bt-missing", 0, 10)).Total);
    }

    [Fact]
    public async Task CompleteAsync_100kTrades_AllStoredInOrder()
    {
        var run = await Fixture.CreateRunAsync(RunStatus.Running);
        var completion = TestRuns.Completion(run.Id, 100_000);

        await Fixture.Runs.CompleteAsync(completion);

        var tail = await Fixture.Runs.GetTradesAsync(run.Id, 99_990, 100);
        Assert.Equal(100_000, tail.Total);
        Assert.Equal(completion.Trades.Skip(99_990), tail.Items);
        Assert.Equal(completion.Trades.Take(5), (await Fixture.Runs.GetTradesAsync(run.Id, 0, 5)).Items);
    }

    [Fact]
    public async Task CountActiveAsync_CountsPendingAndRunningOfTheUser()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();
        var (other, _) = await Fixture.SeedUserAndAssetAsync();
        foreach (var status in new[] { RunStatus.Pending, RunStatus.Running, RunStatus.Running, RunStatus.Completed, RunStatus.Failed, RunStatus.Cancelled })
            await Fixture.Runs.CreateAsync(TestRuns.Run(userId, symbol, status));
        await Fixture.Runs.CreateAsync(TestRuns.Run(other, symbol, RunStatus.Running));

        Assert.Equal(3, await Fixture.Runs.CountActiveAsync(userId));
        Assert.Equal(0, await Fixture.Runs.CountActiveAsync("nobody"));
    }

    [Fact]
    public async Task TryCreateWithinLimitAsync_100InParallel_StoresExactlyTheLimit()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();
        var (other, _) = await Fixture.SeedUserAndAssetAsync();
        // finished runs and another user's runs take no slot: 2 of this user's 10 slots are already taken
        await Fixture.Runs.CreateAsync(TestRuns.Run(userId, symbol, RunStatus.Completed));
        await Fixture.Runs.CreateAsync(TestRuns.Run(userId, symbol, RunStatus.Running));
        await Fixture.Runs.CreateAsync(TestRuns.Run(userId, symbol, RunStatus.Pending));
        await Fixture.Runs.CreateAsync(TestRuns.Run(other, symbol, RunStatus.Running));

        var attempts = Enumerable.Range(0, 100).Select(_ => Task.Run(() => Fixture.Runs.TryCreateWithinLimitAsync(TestRuns.Run(userId, symbol), 10)));
        bool[] stored = await Task.WhenAll(attempts);

        Assert.Equal(8, stored.Count(s => s));
        Assert.Equal(10, await Fixture.Runs.CountActiveAsync(userId));
        Assert.True(await Fixture.Runs.TryCreateWithinLimitAsync(TestRuns.Run(other, symbol), 10));
    }

    [Fact]
    public async Task GetResultAsync_NoResult_ReturnsNull()
    {
        Assert.Null(await Fixture.Runs.GetResultAsync("bt-missing"));
    }
}
