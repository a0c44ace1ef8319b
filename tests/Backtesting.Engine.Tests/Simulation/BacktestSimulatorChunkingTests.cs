using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Simulation;

/// <summary>A backtest split into time chunks (state handed forward) equals one pass (DESIGN.md section 3).</summary>
public sealed class BacktestSimulatorChunkingTests
{
    [Theory]
    [InlineData("sma_crossover", "long", 1, false)]
    [InlineData("sma_crossover", "long_short", 7, true)]
    [InlineData("ema_crossover", "short", 50, false)]
    [InlineData("rsi_reversion", "long_short", 13, true)]
    public void AdvanceIntoRecording_InChunks_IdenticalToOnePass(string strategyId, string direction, int chunks, bool closeAtEnd)
    {
        var (bars, simulator) = GoogSimulator(strategyId, direction, closeAtEnd);
        var whole = simulator.Run();
        var chunked = RunInChunks(simulator, bars, 10_000, chunks);

        Assert.Equal(whole.Equity, chunked.Equity);
        Assert.Equal(whole.ClosedTrades, chunked.ClosedTrades);
        Assert.Equal(whole.OpenTrade, chunked.OpenTrade);
        Assert.Equal(whole.FinalState, chunked.FinalState);
        var options = BacktestOptions.Default;
        Assert.Equal(BacktestEngine.Assemble(bars, whole, 10_000, options).Metrics, BacktestEngine.Assemble(bars, chunked, 10_000, options).Metrics);
    }

    [Fact]
    public void AdvanceIntoRecording_GoogReference_In50Chunks_GivesTheReferenceResult()
    {
        // DESIGN.md section 6: sma_crossover 10/20 long, commission 0.2 %, whole units, next-open fills
        var bars = TestDataFiles.Goog;
        var config = EngineRun.Config("sma_crossover", new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 });
        var signals = new sbyte[bars.Count];
        config.CreateStrategy().GenerateSignals(bars, signals);

        var output = RunInChunks(new BacktestSimulator(bars, signals, config.ToSimulationSettings(10_000)), bars, 10_000, 50);
        var result = BacktestEngine.Assemble(bars, output, 10_000, BacktestOptions.Default);

        Assert.Equal(63341.19136, result.Metrics.FinalCapital, 1e-5);
        Assert.Equal(46, result.Metrics.TotalTrades);
        Assert.NotNull(output.OpenTrade);
        Assert.Equal(5908.84864, result.Metrics.TotalFees, 1e-5);
    }

    [Fact]
    public void AdvanceIntoRecording_ChunkNotWhereTheRecordingStopped_Throws()
    {
        var (bars, simulator) = FlatSimulator();
        var recording = new RunRecording(bars);
        var state = SimulatorState.Initial(1000);
        simulator.Advance(state, 10, recording);
        var skipped = SimulatorState.Initial(1000);
        skipped.NextBar = 20; // a state past a chunk the recording never saw

        var ex = Assert.Throws<InvalidOperationException>(() => simulator.Advance(skipped, 30, recording));
        Assert.Contains("bar order", ex.Message, StringComparison.Ordinal);
        Assert.Equal(10, recording.NextBar);
    }

    [Fact]
    public void AdvanceIntoRecording_OfAnotherSeries_Throws()
    {
        var (_, simulator) = FlatSimulator();
        var other = TestBars.FromCloses(Enumerable.Repeat(100.0, 40).ToArray());

        Assert.Throws<ArgumentException>(() => simulator.Advance(SimulatorState.Initial(1000), 10, new RunRecording(other)));
    }

    [Fact]
    public void FinishRecording_BeforeEveryBarIsRecorded_Throws()
    {
        var (bars, simulator) = FlatSimulator();
        var recording = new RunRecording(bars);
        var state = SimulatorState.Initial(1000);
        simulator.Advance(state, bars.Count, recording);
        var late = new RunRecording(bars);
        simulator.Advance(SimulatorState.Initial(1000), 10, late);

        Assert.False(late.IsComplete);
        Assert.Throws<InvalidOperationException>(() => simulator.Finish(state, late));
        Assert.True(recording.IsComplete);
        Assert.Null(simulator.Finish(state, recording).OpenTrade);
    }

    [Theory]
    [InlineData("sma_crossover", "long", 1, false)]
    [InlineData("sma_crossover", "long_short", 7, true)]
    [InlineData("ema_crossover", "short", 50, false)]
    [InlineData("rsi_reversion", "long_short", 13, true)]
    public void ChunkRecordings_AppendedToTheRunsRecording_IdenticalToOnePass(string strategyId, string direction, int chunks, bool closeAtEnd)
    {
        // the hand-over through blobs: every chunk simulates into its own recording, whose curve and trade values the
        // finalization appends to one recording of the run
        var (bars, simulator) = GoogSimulator(strategyId, direction, closeAtEnd);
        var whole = simulator.Run();

        var run = new RunRecording(bars);
        var state = SimulatorState.Initial(10_000);
        int tradesInChunks = 0;
        for (int c = 1; c <= chunks; c++)
        {
            int from = state.NextBar, to = (int)((long)bars.Count * c / chunks);
            using var chunk = new ChunkRecording(bars, from, to);
            simulator.Advance(state, to, chunk);
            Assert.True(chunk.IsComplete);
            Assert.Equal(to - from, chunk.Equity.Length);
            tradesInChunks += chunk.ClosedTrades.Length;
            chunk.Equity.CopyTo(run.Append(to, chunk.ClosedTrades));
        }
        var chunked = simulator.Finish(state, run);

        Assert.Equal(whole.ClosedTrades.Count, tradesInChunks);
        Assert.Equal(whole.Equity, chunked.Equity);
        Assert.Equal(whole.ClosedTrades, chunked.ClosedTrades);
        Assert.Equal(whole.OpenTrade, chunked.OpenTrade);
        Assert.Equal(whole.FinalState, chunked.FinalState);
        var options = BacktestOptions.Default;
        Assert.Equal(BacktestEngine.Assemble(bars, whole, 10_000, options).Metrics, BacktestEngine.Assemble(bars, chunked, 10_000, options).Metrics);
    }

    [Fact]
    public void ChunkRecording_OfABigChunkWithTrades_AllocatesNeitherCurveNorTradeRecords()
    {
        // A blob chunk used to allocate a fresh equity array (8 bytes a bar: 160 KB for 20,000 bars, on the large object
        // heap) and a Trade record per closed trade (~120 bytes each); its recording now rents the curve and keeps the
        // trades as values in a rented buffer. Counted on a warm pool.
        var closes = Enumerable.Range(0, 20_000).Select(i => 100.0 + i % 50).ToArray();
        var signals = Enumerable.Range(0, closes.Length).Select(i => (sbyte)(i % 20 < 10 ? 1 : -1)).ToArray(); // a trade every 20 bars
        var bars = TestBars.FromCloses(closes);
        var simulator = new BacktestSimulator(bars, signals, EngineRun.Settings(1000));
        int Chunk()
        {
            using var chunk = new ChunkRecording(bars, 0, bars.Count);
            simulator.Advance(SimulatorState.Initial(1000), bars.Count, chunk);
            return chunk.ClosedTrades.Length;
        }
        Chunk();
        long before = GC.GetAllocatedBytesForCurrentThread();
        int trades = Chunk();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(trades >= 900, $"{trades} trades");
        Assert.True(allocated < 4_096, $"a 20,000-bar chunk of {trades} trades allocated {allocated} bytes");
    }

    [Fact]
    public void ChunkRecording_HoldsOnlyItsBars()
    {
        var (bars, simulator) = FlatSimulator();
        var state = SimulatorState.Initial(1000);
        simulator.Advance(state, 10, new RunRecording(bars));
        using var chunk = new ChunkRecording(bars, 10, 20);

        Assert.Throws<ArgumentOutOfRangeException>(() => simulator.Advance(state with { }, 30, chunk));
        Assert.Throws<InvalidOperationException>(() => simulator.Advance(SimulatorState.Initial(1000), 10, chunk));
        simulator.Advance(state, 20, chunk);
        Assert.True(chunk.IsComplete);
        Assert.Equal(Enumerable.Repeat(1000.0, 10), chunk.Equity.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChunkRecording(bars, 20, bars.Count + 1));
        Assert.Throws<ArgumentException>(() => simulator.Advance(SimulatorState.Initial(1000), 10, new ChunkRecording(TestBars.FromCloses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 0, 10)));

        chunk.Dispose();
        Assert.Throws<ObjectDisposedException>(() => chunk.Equity.Length);
    }

    [Fact]
    public void Append_TradesOutsideTheChunk_OrChunksOutOfOrder_Throw()
    {
        var (bars, simulator) = GoogSimulator("sma_crossover", "long", closeAtEnd: false);
        var state = SimulatorState.Initial(10_000);
        using var chunk = new ChunkRecording(bars, 0, bars.Count / 2);
        simulator.Advance(state, bars.Count / 2, chunk);
        var trade = chunk.ClosedTrades[0];

        // the chunk [0, exit) does not hold the bar its trade closes at
        var ex = Assert.Throws<ArgumentException>(() => new RunRecording(bars).Append(trade.ExitBar, [trade]));
        Assert.Contains("exit_bar", ex.Message, StringComparison.Ordinal);
        var run = new RunRecording(bars);
        run.Append(10, []);
        ex = Assert.Throws<ArgumentException>(() => run.Append(trade.ExitBar + 1, [trade with { ExitBar = 5 }])); // closed before the chunk
        Assert.Equal(10, run.NextBar);

        Assert.Equal(trade.ExitBar + 1 - 10, run.Append(trade.ExitBar + 1, [trade]).Length);
        Assert.Equal(trade.ExitBar + 1, run.NextBar);
        Assert.Throws<ArgumentOutOfRangeException>(() => run.Append(trade.ExitBar, [])); // chunks in bar order
        Assert.Throws<ArgumentOutOfRangeException>(() => run.Append(bars.Count + 1, []));
    }

    /// <summary>Runs <paramref name="simulator"/> in even chunks through one recording, as the in-process chunk activities and finalization do.</summary>
    private static SimulationOutput RunInChunks(BacktestSimulator simulator, Engine.Data.BarSeries bars, double capital, int chunks)
    {
        var recording = new RunRecording(bars);
        var state = SimulatorState.Initial(capital);
        for (int c = 1; c <= chunks; c++)
            simulator.Advance(state, (int)((long)bars.Count * c / chunks), recording);
        return simulator.Finish(state, recording);
    }

    private static (Engine.Data.BarSeries Bars, BacktestSimulator Simulator) FlatSimulator()
    {
        var bars = TestBars.FromCloses(Enumerable.Repeat(100.0, 40).ToArray());
        return (bars, new BacktestSimulator(bars, new sbyte[bars.Count], EngineRun.Settings(1000)));
    }

    /// <summary>A simulator over GOOG with stops, a commission and the given direction (10,000 starting capital).</summary>
    private static (Engine.Data.BarSeries Bars, BacktestSimulator Simulator) GoogSimulator(string strategyId, string direction, bool closeAtEnd)
    {
        var bars = TestDataFiles.Goog;
        var config = EngineRun.Config(strategyId, new Dictionary<string, object?>
        {
            ["direction"] = direction,
            ["commission"] = 0.001,
            ["stop_loss_pct"] = 0.05,
            ["take_profit_pct"] = 0.1,
            ["close_at_end"] = closeAtEnd,
        });
        var signals = new sbyte[bars.Count];
        config.CreateStrategy().GenerateSignals(bars, signals);
        return (bars, new BacktestSimulator(bars, signals, config.ToSimulationSettings(10_000)));
    }
}
