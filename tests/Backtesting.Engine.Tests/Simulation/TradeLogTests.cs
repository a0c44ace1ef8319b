using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Simulation;

/// <summary>A single run keeps its trades as values (<see cref="TradeLog"/>) and builds the records on the first read.</summary>
public sealed class TradeLogTests
{
    private static (Backtesting.Engine.Data.BarSeries Bars, sbyte[] Signals, SimulationSettings Settings) LongShortGoog(bool closeAtEnd)
    {
        var bars = TestDataFiles.Goog;
        var config = EngineRun.Config("sma_crossover", new Dictionary<string, object?>
        {
            ["fast_period"] = 10, ["slow_period"] = 20, ["direction"] = "long_short", ["commission"] = 0.001,
            ["stop_loss_pct"] = 0.05, ["close_at_end"] = closeAtEnd,
        });
        var signals = new sbyte[bars.Count];
        config.CreateStrategy().GenerateSignals(bars, signals);
        return (bars, signals, config.ToSimulationSettings(10_000));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_Trades_EqualTheTradeValuesOfTheBlobChunkPath(bool closeAtEnd)
    {
        var (bars, signals, settings) = LongShortGoog(closeAtEnd);
        var output = new BacktestSimulator(bars, signals, settings).Run();

        // the Durable chunk path records each chunk's trades as values of their own (ChunkRecording) that the finalization
        // appends to the run's log: an independent record of the same trades
        var simulator = new BacktestSimulator(bars, signals, settings);
        var state = SimulatorState.Initial(10_000);
        var run = new RunRecording(bars);
        foreach (int to in new[] { bars.Count / 3, bars.Count })
        {
            using var chunk = new ChunkRecording(bars, state.NextBar, to);
            simulator.Advance(state, to, chunk);
            chunk.Equity.CopyTo(run.Append(to, chunk.ClosedTrades));
        }
        var chunked = simulator.Finish(state, run);

        Assert.IsType<TradeLog>(output.ClosedTrades);
        var listed = chunked.ClosedTrades.ToList();
        Assert.True(listed.Count > 20, $"only {listed.Count} trades");
        Assert.Equal(listed, output.ClosedTrades);
        Assert.Equal(chunked.OpenTrade, output.OpenTrade);
        Assert.Contains(listed, t => t.ExitReason == ExitReason.StopLoss);
        Assert.Contains(listed, t => t.Side == PositionSide.Short);
    }

    [Fact]
    public void Result_TradesReadTwice_SameRecordsClosedThenOpen()
    {
        var (bars, signals, settings) = LongShortGoog(closeAtEnd: false);
        var output = new BacktestSimulator(bars, signals, settings).Run();
        Assert.NotNull(output.OpenTrade);
        var result = BacktestEngine.Assemble(bars, output, 10_000, BacktestOptions.Default);

        Assert.Equal(output.ClosedTrades.Count + 1, result.Trades.Count);
        Assert.Same(result.Trades[0], result.Trades[0]);
        Assert.Same(result.Trades[3], result.Trades.ElementAt(3));
        Assert.Same(output.OpenTrade, result.Trades[^1]);
        Assert.Equal(output.ClosedTrades, result.Trades.Take(output.ClosedTrades.Count));
        Assert.True(result.Trades.Zip(result.Trades.Skip(1)).All(p => p.First.EntryBar < p.Second.EntryBar), "trades are in entry (and close) order");
    }

    [Fact]
    public void Assemble_FromLog_SameMetricsAsFromACopiedList()
    {
        var (bars, signals, settings) = LongShortGoog(closeAtEnd: false);
        var output = new BacktestSimulator(bars, signals, settings).Run();
        // a plain list makes the metrics add the pnl of each record; the log hands over the totals it kept while filling
        var copied = output with { ClosedTrades = output.ClosedTrades.ToList() };

        var fromLog = BacktestEngine.Assemble(bars, output, 10_000, BacktestOptions.Default);
        var fromList = BacktestEngine.Assemble(bars, copied, 10_000, BacktestOptions.Default);

        Assert.Equal(fromList.Metrics, fromLog.Metrics);
        Assert.Equal(output.ClosedTrades.Sum(t => t.Pnl > 0 ? 1 : 0), fromLog.Metrics.WinningTrades);
        Assert.Equal(fromList.Trades, fromLog.Trades);
    }
}
