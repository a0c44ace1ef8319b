using System.Text.Json;
using Backtesting.Application.Backtests;
using Backtesting.Application.Ports;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Synthetic;
using Moq;

namespace Backtesting.Application.Tests;

/// <summary>Issue 17: one run's chunks share one read of the bars and one signal pass; the cache is bounded and never changes results.</summary>
public sealed class BacktestInputsCacheTests
{
    private readonly Mock<IMarketDataStore> _store = new();
    private readonly Dictionary<string, BarSeries> _bars = [];
    private int _reads;

    public BacktestInputsCacheTests()
    {
        _store.Setup(s => s.ReadBarsAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTime?>(), It.IsAny<DateTime?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string symbol, string _, DateTime? _, DateTime? _, CancellationToken _) => { _reads++; return _bars[symbol]; });
    }

    private BacktestInputsCache Cache(long maxBars = BacktestInputsCache.DefaultMaxBars) => new(new BarLoader(_store.Object)) { MaxBars = maxBars };

    private BacktestJob Job(string runId, string symbol, int bars)
    {
        _bars[symbol] = GbmBarGenerator.Generate(new GbmOptions { Bars = bars, Seed = 3 });
        return new BacktestJob
        {
            RunId = runId, UserId = "u", StrategyId = "sma_crossover", AssetSymbol = symbol, Timeframe = "1m", InitialCapital = 1000,
            Parameters = new() { ["fast_period"] = JsonSerializer.SerializeToElement(5), ["slow_period"] = JsonSerializer.SerializeToElement(20) },
        };
    }

    [Fact]
    public async Task GetAsync_SameRunAgain_ReadsOnce_AndSignalsMatchTheStrategy()
    {
        var cache = Cache();
        var job = Job("r1", "A", 500);

        var first = await cache.GetAsync(job, null, default);
        var again = await cache.GetAsync(job, 500, default);

        Assert.Same(first, again);
        Assert.Equal(1, _reads);
        // the signals are the strategy's own over the whole series
        var expected = new sbyte[500];
        Engine.Validation.StrategyConfigValidator.Validate(job.StrategyId, job.Parameters).GetConfigOrThrow().CreateStrategy().GenerateSignals(_bars["A"], expected);
        Assert.Equal(expected, first.Signals);
    }

    [Fact]
    public async Task GetAsync_AfterEvict_ReadsAgain()
    {
        var cache = Cache();
        var job = Job("r1", "A", 100);
        await cache.GetAsync(job, null, default);

        cache.Evict("r1");
        await cache.GetAsync(job, 100, default);

        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task GetAsync_StoredBarCountDiffersFromThePlan_ThrowsNamingTheAsset()
    {
        var cache = Cache();
        var job = Job("r1", "GOOG", 100);
        await cache.GetAsync(job, null, default);

        // the cached snapshot (100 bars) is not the plan's (120): read again, and the store still has 100
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync(job, 120, default));

        Assert.Equal("the bars of GOOG changed while the run was in progress (120 then 100)", error.Message);
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task GetAsync_OverTheBound_DropsTheLeastRecentlyUsedRun()
    {
        // 250 bars allowed: runs of 100 bars each; touching r1 makes r2 the least recently used when r3 arrives
        var cache = Cache(maxBars: 250);
        var r1 = Job("r1", "A", 100);
        var r2 = Job("r2", "B", 100);
        var r3 = Job("r3", "C", 100);
        await cache.GetAsync(r1, null, default);
        await cache.GetAsync(r2, null, default);
        await cache.GetAsync(r1, 100, default);
        await cache.GetAsync(r3, null, default);
        Assert.Equal(3, _reads);
        Assert.Equal(2, cache.Count);

        await cache.GetAsync(r1, 100, default);
        await cache.GetAsync(r3, 100, default);
        Assert.Equal(3, _reads);
        await cache.GetAsync(r2, 100, default);
        Assert.Equal(4, _reads);
    }

    [Fact]
    public async Task GetAsync_OneRunLargerThanTheBound_IsStillKeptForItsNextChunk()
    {
        var cache = Cache(maxBars: 50);
        var job = Job("r1", "A", 100);

        await cache.GetAsync(job, null, default);
        await cache.GetAsync(job, 100, default);

        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task TakeRecording_ChunksInBarOrder_GetTheRunsOneRecording()
    {
        var cache = Cache();
        var job = Job("r1", "A", 100);
        var prepared = await cache.GetAsync(job, null, default);
        var simulator = prepared.CreateSimulator();
        var state = SimulatorState.Initial(job.InitialCapital);

        // chunks [0, 40) and [40, 100), each taking the recording out and handing it back, as SimulateChunkActivity does
        var first = cache.TakeRecording("r1", prepared, 0);
        Assert.NotNull(first);
        simulator.Advance(state, 40, first);
        cache.KeepRecording("r1", prepared, first);
        var second = cache.TakeRecording("r1", prepared, 40);
        Assert.Same(first, second);
        Assert.NotNull(second);
        simulator.Advance(state, 100, second);
        cache.KeepRecording("r1", prepared, second);

        var finished = cache.TakeRecording("r1", prepared, 100);
        Assert.Same(first, finished);
        Assert.True(finished!.IsComplete);
    }

    [Fact]
    public async Task TakeRecording_WhileAChunkHoldsIt_OrNotWhereItStopped_IsNull()
    {
        var cache = Cache();
        var job = Job("r1", "A", 100);
        var prepared = await cache.GetAsync(job, null, default);
        var recording = cache.TakeRecording("r1", prepared, 0)!;
        prepared.CreateSimulator().Advance(SimulatorState.Initial(job.InitialCapital), 40, recording);

        Assert.Null(cache.TakeRecording("r1", prepared, 40)); // still taken: another activity of the run records nothing
        cache.KeepRecording("r1", prepared, recording);
        Assert.Null(cache.TakeRecording("r1", prepared, 70)); // a chunk the recording never reached
        Assert.Null(cache.TakeRecording("r1", prepared, 100)); // a finalization: incomplete, so it simulates again
        Assert.Same(recording, cache.TakeRecording("r1", prepared, 40));
    }

    [Fact]
    public async Task KeepRecording_AfterTheInputsWereLoadedAgain_IsDropped()
    {
        var cache = Cache();
        var job = Job("r1", "A", 100);
        var prepared = await cache.GetAsync(job, null, default);
        var recording = cache.TakeRecording("r1", prepared, 0)!;
        prepared.CreateSimulator().Advance(SimulatorState.Initial(job.InitialCapital), 40, recording);

        cache.Evict("r1");
        var reloaded = await cache.GetAsync(job, 100, default);
        cache.KeepRecording("r1", prepared, recording);

        // the recording is of the series it was made with: chunks of the reloaded inputs never continue it
        Assert.Null(cache.TakeRecording("r1", reloaded, 40));
        Assert.Null(cache.TakeRecording("r1", prepared, 40));
        Assert.NotSame(recording, cache.TakeRecording("r1", reloaded, 0));
    }
}
