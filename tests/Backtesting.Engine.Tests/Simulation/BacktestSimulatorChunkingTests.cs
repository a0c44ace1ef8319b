using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Simulation;

/// <summary>A backtest split into time chunks (state handed forward) equals one pass (DESIGN.md section 3).</summary>
public sealed class BacktestSimulatorChunkingTests
{
    [Theory]
    [InlineData("sma_crossover", "long", 1)]
    [InlineData("sma_crossover", "long_short", 7)]
    [InlineData("ema_crossover", "short", 50)]
    [InlineData("rsi_reversion", "long_short", 13)]
    public void Advance_InChunks_IdenticalToOnePass(string strategyId, string direction, int chunks)
    {
        var bars = TestDataFiles.Goog;
        var config = EngineRun.Config(strategyId, new Dictionary<string, object?>
        {
            ["direction"] = direction,
            ["commission"] = 0.001,
            ["stop_loss_pct"] = 0.05,
            ["take_profit_pct"] = 0.1,
        });
        var settings = config.ToSimulationSettings(10_000);
        var signals = new sbyte[bars.Count];
        config.CreateStrategy().GenerateSignals(bars, signals);

        var whole = new BacktestSimulator(bars, signals, settings).Run();

        var simulator = new BacktestSimulator(bars, signals, settings);
        var state = SimulatorState.Initial(10_000);
        var equity = new double[bars.Count];
        var trades = new List<Trade>();
        for (int c = 1; c <= chunks; c++)
        {
            int from = state.NextBar;
            int to = (int)((long)bars.Count * c / chunks);
            simulator.Advance(state, to, equity.AsSpan(from, to - from), trades);
        }
        var open = simulator.Finish(state, equity, trades);

        Assert.Equal(whole.Equity, equity);
        Assert.Equal(whole.ClosedTrades, trades);
        Assert.Equal(whole.OpenTrade, open);
        Assert.Equal(whole.FinalState.TotalFees, state.TotalFees);
        Assert.Equal(whole.FinalState.BarsInMarket, state.BarsInMarket);
    }
}
