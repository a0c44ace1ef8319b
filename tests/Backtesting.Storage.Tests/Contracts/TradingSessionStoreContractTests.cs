using Backtesting.Application.Sessions;
using Backtesting.Storage.Sql;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Contracts;

/// <summary>What every <see cref="Application.Ports.ITradingSessionStore"/> does, run against each backend.</summary>
public abstract class TradingSessionStoreContractTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : StorageFixture
{
    private static readonly DateTime Created = new(2025, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc);

    protected TFixture Fixture { get; } = fixture;

    private SqlTradingSessionStore Store => new(Fixture.Service);

    private static TradingSessionRecord NewSession(string userId, string symbol, DateTime? createdAt = null) => new()
    {
        Id = "ts-" + Guid.NewGuid().ToString("N")[..12],
        UserId = userId,
        Status = SessionStatus.Active,
        Version = 1,
        AssetSymbol = symbol,
        Timeframe = "1d",
        Terms = """{"initial_capital":10000,"commission":0.002}""",
        State = """{"current_bar":3,"cash":10000.25,"orders":[{"id":"o-1","side":"buy"}]}""",
        CreatedAt = createdAt ?? Created,
        UpdatedAt = createdAt ?? Created,
    };

    [Fact]
    public async Task Create_ThenGet_RoundTripsEveryField()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();
        var session = NewSession(userId, symbol);

        Assert.True(await Store.TryCreateWithinLimitAsync(session, 5));
        var read = await Store.GetAsync(userId, session.Id);

        Assert.NotNull(read);
        Assert.Equal(session with { Terms = "", State = "" }, read with { Terms = "", State = "" });
        JsonAssert.Equivalent(session.Terms, read.Terms);
        JsonAssert.Equivalent(session.State, read.State);
    }

    [Fact]
    public async Task Get_AnotherUsersSession_IsNull()
    {
        var (owner, symbol) = await Fixture.SeedUserAndAssetAsync();
        var (other, _) = await Fixture.SeedUserAndAssetAsync();
        var session = NewSession(owner, symbol);
        await Store.TryCreateWithinLimitAsync(session, 5);

        Assert.Null(await Store.GetAsync(other, session.Id));
        Assert.Empty(await Store.ListAsync(other));
        Assert.False(await Store.TryUpdateAsync(session with { UserId = other, Version = 2 }, 1));
    }

    [Fact]
    public async Task TryUpdate_WithTheReadVersion_Writes_WithAStaleVersion_WritesNothing()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();
        var session = NewSession(userId, symbol);
        await Store.TryCreateWithinLimitAsync(session, 5);
        var first = session with { Version = 2, State = """{"current_bar":4}""", UpdatedAt = Created.AddMinutes(1) };
        var stale = session with { Version = 2, State = """{"current_bar":9}""" };

        Assert.True(await Store.TryUpdateAsync(first, 1));
        Assert.False(await Store.TryUpdateAsync(stale, 1));

        var read = await Store.GetAsync(userId, session.Id);
        Assert.Equal(2, read!.Version);
        JsonAssert.Equivalent(first.State, read.State);
        Assert.Equal(first.UpdatedAt, read.UpdatedAt);
    }

    [Fact]
    public async Task TryUpdate_ClosesWithRunId()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();
        var session = NewSession(userId, symbol);
        await Store.TryCreateWithinLimitAsync(session, 5);

        Assert.True(await Store.TryUpdateAsync(session with { Version = 2, Status = SessionStatus.Closed, RunId = "bt-1" }, 1));

        var read = await Store.GetAsync(userId, session.Id);
        Assert.Equal(SessionStatus.Closed, read!.Status);
        Assert.Equal("bt-1", read.RunId);
    }

    [Fact]
    public async Task TryCreateWithinLimit_CountsOnlyActiveSessions()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();
        var a = NewSession(userId, symbol);
        var b = NewSession(userId, symbol);
        Assert.True(await Store.TryCreateWithinLimitAsync(a, 2));
        Assert.True(await Store.TryCreateWithinLimitAsync(b, 2));

        var third = NewSession(userId, symbol);
        Assert.False(await Store.TryCreateWithinLimitAsync(third, 2));
        Assert.Null(await Store.GetAsync(userId, third.Id));

        // a closed session frees its place
        await Store.TryUpdateAsync(a with { Version = 2, Status = SessionStatus.Closed }, 1);
        Assert.True(await Store.TryCreateWithinLimitAsync(third, 2));
    }

    [Fact]
    public async Task List_NewestFirst_OnlyOwnSessions()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();
        var older = NewSession(userId, symbol, Created);
        var newer = NewSession(userId, symbol, Created.AddHours(1));
        await Store.TryCreateWithinLimitAsync(older, 5);
        await Store.TryCreateWithinLimitAsync(newer, 5);

        Assert.Equal([newer.Id, older.Id], (await Store.ListAsync(userId)).Select(s => s.Id));
    }

    [Fact]
    public async Task RunStore_AcceptsTheBacktradingSessionKind()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();
        var run = TestRuns.Run(userId, symbol, Application.Runs.RunStatus.Running) with { Kind = Application.Runs.RunKind.BacktradingSession };

        await Fixture.Runs.CreateAsync(run);

        Assert.Equal("backtrading_session", (await Fixture.Runs.GetAsync(userId, run.Id))!.Kind);
    }
}
