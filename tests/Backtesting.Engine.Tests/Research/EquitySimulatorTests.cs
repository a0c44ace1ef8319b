using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Research;

/// <summary>The core with the trade-totals recorder (research runs) equals it with the trade-list recorder (BacktestEngine) bit for bit under every execution option.</summary>
public sealed class EquitySimulatorTests
{
    public static TheoryData<string, Dictionary<string, object?>> Settings() => new()
    {
        { "defaults", new() },
        { "commission", new() { ["commission"] = 0.002 } },
        { "short", new() { ["direction"] = "short", ["commission"] = 0.001 } },
        { "long_short", new() { ["direction"] = "long_short", ["commission"] = 0.001 } },
        { "close fill", new() { ["fill"] = "close", ["commission"] = 0.001 } },
        { "fractional half", new() { ["fractional"] = true, ["position_size"] = 0.5 } },
        { "slippage", new() { ["slippage_bps"] = 5, ["commission"] = 0.0005 } },
        { "stops", new() { ["stop_loss_pct"] = 0.02, ["take_profit_pct"] = 0.03, ["commission"] = 0.001 } },
        { "short stops", new() { ["direction"] = "short", ["stop_loss_pct"] = 0.01, ["take_profit_pct"] = 0.05 } },
        { "long_short stops close fill", new() { ["direction"] = "long_short", ["stop_loss_pct"] = 0.015, ["fill"] = "close" } },
        { "close at end", new() { ["close_at_end"] = true, ["commission"] = 0.001 } },
        { "close at end short", new() { ["close_at_end"] = true, ["direction"] = "short" } },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Run_AnyExecutionOptions_EqualsBacktestEngine(string name, Dictionary<string, object?> execution)
    {
        foreach (var bars in new[] { TestDataFiles.Goog, TestDataFiles.Gbm10000 })
        {
            var parameters = new Dictionary<string, object?>(execution) { ["fast_period"] = 10, ["slow_period"] = 20 };
            var config = EngineRun.Config("sma_crossover", parameters);
            var expected = BacktestEngine.Run(bars, config, 10_000);
            var signals = new sbyte[bars.Count];
            config.CreateStrategy().GenerateSignals(bars, signals);
            var equity = new double[bars.Count];

            var metrics = EquitySimulator.RunMetrics(bars, signals, config.ToSimulationSettings(10_000), equity,
                PeriodsPerYear.Infer(bars.Timestamps), 0);

            Assert.True(expected.Metrics == metrics, $"{name}: {expected.Metrics} vs {metrics}");
            Assert.Equal(expected.Equity, equity);
        }
    }

    [Fact]
    public void Run_SignalOnLastBar_NeverFills()
    {
        var bars = TestBars.FromCloses(10, 11, 12, 13);
        var equity = new double[4];
        var settings = EngineRun.Settings(1000);

        var summary = EquitySimulator.Run(bars, new sbyte[] { 0, 0, 0, 1 }, settings, equity);

        Assert.Equal(0, summary.Trades.Total);
        Assert.False(summary.HasOpenTrade);
        Assert.Equal(new double[] { 1000, 1000, 1000, 1000 }, equity);
    }

    [Fact]
    public void Run_HandCheckedRoundTrip_MarksEquityAtEveryClose()
    {
        // buy signal at bar 0 fills at bar 1's open 10: 100 units; sell at bar 2 fills at bar 3's open 12
        var bars = TestBars.FromOpensAndCloses([10, 10, 11, 12, 12], [10, 11, 12, 13, 12]);
        var equity = new double[5];

        var summary = EquitySimulator.Run(bars, new sbyte[] { 1, 0, -1, 0, 0 }, EngineRun.Settings(1000), equity);

        Assert.Equal(new double[] { 1000, 1100, 1200, 1200, 1200 }, equity);
        Assert.Equal(1, summary.Trades.Total);
        Assert.Equal(200, summary.Trades.PnlSum);
        Assert.Equal(2, summary.BarsInMarket);
    }
}
