using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Local.Tests.Support;
using Backtesting.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>
/// Issue 17, the service under load: what one backtest costs in storage round trips and blob operations, pinned as
/// counts (times are the benchmark's, benchmarks/Backtesting.ApiBenchmark), and the same numbers as ever (GOOG
/// sma_crossover 10/20, commission 0.2 %: final capital 63341.19136, 46 closed trades and 1 open, DESIGN.md section 6).
/// </summary>
public sealed class RunStorageBudgetTests
{
    [Fact]
    public async Task OneChunkRun_CostsItsBudgetOfStoreCalls_AndWritesNoChunkBlobs()
    {
        var counter = new StorageCallCounter();
        using var factory = new LocalHostFactory(settings: LongKeyCache, configureServices: counter.Install());
        var client = await factory.CreateUserClientAsync("budget");
        await RunAsync(factory, client); // the first run of a fresh host also creates the user's first rows, caches, etc.
        counter.Reset();

        string id = await RunAsync(factory, client);

        // the client's own reads (the events stream it waits on: the run, and the stored curve's preview when the stream
        // joins after the run completed, a race the faster runs now often win) are not the run's cost; a chunk blob read
        // would come with a chunk blob write, which the one PutAsync below rules out
        var calls = counter.Snapshot().Where(c => c.Key is not ("IRunStore.GetAsync" or "IBlobStore.GetAsync"))
            .OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var budget = new Dictionary<string, int>
        {
            // submit: the insert that checks the concurrent-jobs limit atomically, no count before it (before issue 17's latency
            // pass: CountActiveAsync 1), and no read of the user's strategies for a built-in one (IUserStrategyStore.ListAsync 1)
            ["IRunStore.TryCreateWithinLimitAsync"] = 1,
            // the submit's bars and the preparation's (the run's inputs), both from the market-data cache after the first run;
            // the asset is not read: bars exist only for a stored asset (before: IMarketDataStore.GetAssetAsync 1)
            ["IMarketDataStore.ReadBarsAsync"] = 2,
            // no IRunStore.GetByIdAsync: the runner tells a run's journal (in the database) from a schedule slot's (in memory) by
            // the workflow, and the finalization lets the completion refuse an ended run instead of reading its status first,
            // the creation time being in the job (before issue 17's second pass: 2, before its third: 1)
            ["IRunStore.TryTransitionAsync"] = 1, // preparation: pending -> running, no read before it
            ["IRunStore.CompleteAsync"] = 1, // result, trades, last progress and status in one transaction; no separate progress write
            // no IJobJournal.LoadAsync: a run just submitted has nothing journaled (before issue 17's third pass: 1); a resume
            // still loads it (ResumeAfterCrashTests)
            // two transactions: the start time with prepare's result (written as the chunk starts), then the chunk's
            // (as the finalization starts); finalize's result is never written, the journal is cleared right after
            // (before issue 17's second pass: 4 writes, the start time, prepare, the chunk and finalize)
            ["IJobJournal.RecordAsync"] = 2,
            ["IJobJournal.ClearAsync"] = 1,
            ["IBlobStore.PutAsync"] = 1, // the equity curve only: the chunk's result goes to the finalization in memory
            // no IUserStore call: the submit's and the events stream's key checks find the key in the cache
        };
        Assert.Equal(budget.OrderBy(c => c.Key, StringComparer.Ordinal).ToList(), calls);

        await AssertReferenceResultAsync(client, id);
    }

    [Fact]
    public async Task Submit_OfTheUsersOwnStrategy_ReadsTheUsersStrategies_AndRunsItsDefinition()
    {
        // the built-in shortcut must not reach a user's strategy: its id is resolved from the user's rows, once
        var counter = new StorageCallCounter();
        using var factory = new LocalHostFactory(settings: LongKeyCache, configureServices: counter.Install());
        var client = await factory.CreateUserClientAsync("own-strategy");
        string definition = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "strategies", "sma_crossover_rules.json"));
        var created = await client.PostAsync("/api/strategies", new StringContent(definition, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        counter.Reset();

        string id = await client.RunToCompletionAsync(new
        {
            strategy_id = "sma_cross_rules", asset_symbol = "GOOG", initial_capital = 10000,
            parameters = new { fast = 10, slow = 20, commission = 0.002 },
        });

        Assert.Equal(1, counter.Snapshot().GetValueOrDefault("IUserStrategyStore.ListAsync"));
        // sma_cross_rules is sma_crossover as rules: the same trades, to the cent (README), so the reference result
        await AssertReferenceResultAsync(client, id);
    }

    [Theory]
    [InlineData("NOPE", "asset_symbol: 'NOPE' is not a known asset; available: ")] // no bars: then the asset is looked up
    [InlineData("GOOG", "select no 1d bars of GOOG between 1990-01-01 and 1990-12-31; available: 1d from 2004-08-19")] // a known asset, an empty window
    public async Task Submit_WithoutBars_TellsAnUnknownAssetFromAnEmptyWindow(string symbol, string error)
    {
        using var factory = new LocalHostFactory(settings: LongKeyCache);
        var client = await factory.CreateUserClientAsync("no-bars");

        var (status, problem, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/backtests",
            new { strategy_id = "sma_crossover", asset_symbol = symbol, start_date = "1990-01-01", end_date = "1990-12-31" });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
        Assert.Contains(error, ApiClient.ErrorText(problem!));
    }

    [Fact]
    public async Task Poll_CostsOneRunRead_AndNoStoreReadToAuthenticate()
    {
        var counter = new StorageCallCounter();
        using var factory = new LocalHostFactory(settings: LongKeyCache, configureServices: counter.Install());
        var client = await factory.CreateUserClientAsync("poller");
        string id = await RunAsync(factory, client);
        counter.Reset();

        for (int i = 0; i < 10; i++)
            Assert.Equal("completed", (string)(await client.GetJsonAsync($"/api/backtests/{id}"))["status"]!);

        // GET /api/backtests/{id} as a polling client sends it: the run's row, nothing else (before issue 17's key
        // cache, each poll also looked its API key up: IUserStore.FindApiKeyAsync 10)
        Assert.Equal(new Dictionary<string, int> { ["IRunStore.GetAsync"] = 10 }, counter.Snapshot());
    }

    [Fact]
    public async Task Poll_AfterTheKeysRevocationThroughTheHost_IsRefusedAtOnce_DespiteTheKeyCache()
    {
        using var factory = new LocalHostFactory(settings: LongKeyCache);
        var client = await factory.CreateUserClientAsync("revoked-poller");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/backtests")).StatusCode); // the key is now cached for an hour

        await factory.Services.GetRequiredService<Backtesting.Application.Users.ApiKeyService>().RevokeAllKeysAsync("revoked-poller");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/api/backtests")).StatusCode);
    }

    // an hour: the counts must not depend on how fast the test runs (the default is 2 s)
    private static IDictionary<string, string?> LongKeyCache
    {
        get
        {
            var settings = LocalHostFactory.GenerousLimits;
            settings["Backtesting:Auth:KeyCacheSeconds"] = "3600";
            return settings;
        }
    }

    [Fact]
    public async Task OneChunkRun_ChunkResultLostBeforeFinalization_SimulatesAgainToTheSameResult()
    {
        // As after a restart between the chunk and the finalization: the chunk's result (kept in memory) is gone once
        // the journal has recorded the chunk, so the finalization must simulate the run again.
        var counter = new StorageCallCounter();
        using var factory = new LocalHostFactory(settings: LocalHostFactory.GenerousLimits, configureServices: counter.Install());
        var cache = factory.Services.GetRequiredService<BacktestInputsCache>();
        int evictions = 0;
        counter.Before = (call, args) =>
        {
            // the chunk's result is journaled in a batch, as the finalization starts
            if (call == "IJobJournal.RecordAsync" && args is [string runId, IReadOnlyList<KeyValuePair<string, string>> entries, ..]
                && entries.Any(e => e.Key.Contains(nameof(SimulateChunkActivity), StringComparison.Ordinal)))
            {
                cache.Evict(runId);
                Interlocked.Increment(ref evictions);
            }
        };
        var client = await factory.CreateUserClientAsync("lost-chunk");

        string id = await RunAsync(factory, client);

        Assert.Equal(1, evictions);
        // no chunk blobs to fall back on: the curve is the only blob put, none deleted (a blob read may be the events stream's, reading the
        // stored curve's preview when it joins after the run completed)
        var blobCalls = counter.Snapshot();
        Assert.Equal(1, blobCalls.GetValueOrDefault("IBlobStore.PutAsync"));
        Assert.DoesNotContain("IBlobStore.DeleteAsync", blobCalls.Keys);
        await AssertReferenceResultAsync(client, id);
    }

    [Fact]
    public async Task Finalize_RetriedOnACompletedRun_AnswersWithTheStoredResult_AndLeavesTheRunAsItWas()
    {
        // The finalization no longer reads the run before its work: a retry (Durable replays an activity whose
        // completion committed) finds out at the completion, which the store refuses; it must answer with the stored
        // result, not fail, and change nothing.
        var counter = new StorageCallCounter();
        using var factory = new LocalHostFactory(settings: LongKeyCache, configureServices: counter.Install());
        var client = await factory.CreateUserClientAsync("retry");
        string id = await RunAsync(factory, client);
        var runs = factory.Services.GetRequiredService<Backtesting.Application.Ports.IRunStore>();
        var job = Backtesting.Application.Json.WorkflowJson.Deserialize<BacktestJob>((await runs.GetByIdAsync(id))!.Request!);
        var finalize = factory.Services.GetServices<Backtesting.Application.Workflows.IActivity>().OfType<FinalizeBacktestActivity>().Single();
        counter.Reset();

        // GOOG 2004-2013 daily: 2148 bars, one chunk; no recording is left, so the run is simulated again from the start
        var outcome = await finalize.RunAsync(new FinalizeInput(job, BacktestPlan.Create(2148, 1), Backtesting.Engine.Simulation.SimulatorState.Initial(job.InitialCapital)), default);

        Assert.Equal("completed", outcome.Status);
        Assert.Equal(63341.19136, outcome.FinalCapital!.Value, 1e-5);
        Assert.Equal(1, counter.Snapshot().GetValueOrDefault("IRunStore.CompleteAsync")); // tried, and refused
        Assert.DoesNotContain("IBlobStore.DeleteAsync", counter.Snapshot().Keys); // the completed run's curve stays
        await AssertReferenceResultAsync(client, id);
    }

    private static async Task<string> RunAsync(LocalHostFactory factory, HttpClient client)
    {
        string id = await client.RunToCompletionAsync(ApiClient.GoogRequest(chunks: 1));
        await factory.Services.GetRequiredService<ILocalRuns>().WhenIdleAsync(id); // the journal is cleared after completion
        return id;
    }

    private static async Task AssertReferenceResultAsync(HttpClient client, string id)
    {
        var metrics = (await client.GetJsonAsync($"/api/backtests/{id}/metrics?names=final_capital,total_trades,open_trades"))["metrics"]!;
        Assert.Equal(63341.19136, (double)metrics["final_capital"]!, 1e-5);
        Assert.Equal(46, (int)metrics["total_trades"]!);
        Assert.Equal(1, (int)metrics["open_trades"]!);
        // the last progress, stored by the completion: every bar done, its date the run's last bar, the closed trades
        var run = await client.GetJsonAsync($"/api/backtests/{id}");
        Assert.Equal("completed", (string)run["status"]!);
        Assert.Equal(100, (double)run["progress"]!);
        Assert.Equal(46, (int)run["trades_executed"]!);
        Assert.Equal((string)run["end_date"]!, (string)run["current_date"]!);
    }
}
