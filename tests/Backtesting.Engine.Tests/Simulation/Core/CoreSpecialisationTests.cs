using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Simulation.Core;

/// <summary>
/// The one simulation core is compiled per execution models (inlined built-ins or interface calls) and per
/// trade recorder (list or totals); every specialisation must give the same numbers bit for bit.
/// </summary>
public sealed class CoreSpecialisationTests
{
    public static TheoryData<string, Dictionary<string, object?>> Settings() => new()
    {
        { "defaults", new() },
        { "commission long_short", new() { ["direction"] = "long_short", ["commission"] = 0.001 } },
        { "close fill short", new() { ["fill"] = "close", ["direction"] = "short", ["commission"] = 0.002 } },
        { "slippage fractional", new() { ["slippage_bps"] = 7, ["fractional"] = true, ["position_size"] = 0.6 } },
        { "stops close at end", new() { ["stop_loss_pct"] = 0.02, ["take_profit_pct"] = 0.04, ["close_at_end"] = true, ["commission"] = 0.001 } },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void TradeList_InterfaceCalledModels_EqualInlinedBuiltIns(string name, Dictionary<string, object?> execution)
    {
        var bars = TestDataFiles.Goog;
        var config = EngineRun.Config("sma_crossover", new Dictionary<string, object?>(execution) { ["fast_period"] = 10, ["slow_period"] = 20 });
        var settings = config.ToSimulationSettings(10_000);

        var inlined = BacktestEngine.Run(bars, config.CreateStrategy(), settings);
        var called = BacktestEngine.Run(bars, config.CreateStrategy(), InterfaceCalledModels.Wrap(settings));

        Assert.True(inlined.Metrics == called.Metrics, $"{name}: {inlined.Metrics} vs {called.Metrics}");
        Assert.Equal(inlined.Equity, called.Equity);
        Assert.Equal(inlined.Trades, called.Trades);
        Assert.NotEmpty(inlined.Trades);
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void TradeTotals_InterfaceCalledModels_EqualTradeList(string name, Dictionary<string, object?> execution)
    {
        var bars = TestDataFiles.Gbm10000;
        var config = EngineRun.Config("ema_crossover", new Dictionary<string, object?>(execution) { ["fast_period"] = 5, ["slow_period"] = 40 });
        var settings = config.ToSimulationSettings(10_000);
        var expected = BacktestEngine.Run(bars, config.CreateStrategy(), settings);
        var signals = new sbyte[bars.Count];
        config.CreateStrategy().GenerateSignals(bars, signals);
        var equity = new double[bars.Count];

        var metrics = EquitySimulator.RunMetrics(bars, signals, InterfaceCalledModels.Wrap(settings), equity, PeriodsPerYear.Infer(bars.Timestamps), 0);

        Assert.True(expected.Metrics == metrics, $"{name}: {expected.Metrics} vs {metrics}");
        Assert.Equal(expected.Equity, equity);
    }
}
