using System.Text.Json;
using Backtesting.Application.Backtests;
using Backtesting.Application.Ports;
using Backtesting.Engine.Data;
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
}
