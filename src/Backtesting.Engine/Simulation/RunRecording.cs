using Backtesting.Engine.Data;
using Backtesting.Engine.Memory;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Engine.Simulation;

/// <summary>
/// One run's equity at every bar and its closed trades, filled chunk after chunk in bar order and read by
/// <see cref="BacktestSimulator.Finish(SimulatorState, RunRecording)"/>: how the chunks of a run hand their results to
/// its finalization. In one process each chunk writes straight into the run's curve at its own bars
/// (<see cref="BacktestSimulator.Advance(SimulatorState, int, RunRecording)"/>: no per-chunk array, no copy) and keeps
/// its trades as values in the run's <see cref="TradeLog"/>, as a one-pass run does, so K chunks cost one pass plus K
/// set-ups of the simulation core. Chunks that ran elsewhere (a <see cref="ChunkRecording"/> each, handed over through
/// blobs) are <see cref="Append"/>ed by the finalization, which then finishes the run the same way.
/// </summary>
public sealed class RunRecording
{
    public RunRecording(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        Bars = bars;
        // every bar is written before it is read (Finish requires the recording to be complete); as a one-pass curve
        Equity = HugePages.NewArray<double>(bars.Count);
        Trades = new TradeLog(bars);
    }

    /// <summary>The first bar not recorded yet: the next chunk must start here.</summary>
    public int NextBar { get; internal set; }

    /// <summary>True once every bar of the series is recorded.</summary>
    public bool IsComplete => NextBar == Equity.Length;

    /// <summary>The series recorded: the trades' times and the curve's timestamps are this series'.</summary>
    public BarSeries Bars { get; }

    /// <summary>Equity of bars [0, <see cref="NextBar"/>); the rest is not written yet.</summary>
    internal double[] Equity { get; }

    internal TradeLog Trades { get; }

    /// <summary>
    /// Records bars [<see cref="NextBar"/>, <paramref name="toBar"/>) simulated elsewhere (a chunk handed over through
    /// blobs): appends the chunk's closed trades (values of this series, in close order) and returns the span of its
    /// equity, which the caller fills with the chunk's curve (e.g. decodes into it) before the recording is finished.
    /// </summary>
    public Span<double> Append(int toBar, ReadOnlySpan<ClosedTradeRecord> closedTrades)
    {
        int from = NextBar;
        if (toBar < from || toBar > Equity.Length)
            throw new ArgumentOutOfRangeException(nameof(toBar), toBar, $"must be in [{from}, {Equity.Length}]: chunks are recorded in bar order");
        foreach (ref readonly var trade in closedTrades)
        {
            if (trade.ExitBar < from || trade.ExitBar >= toBar || trade.EntryBar < 0 || trade.EntryBar > trade.ExitBar)
                throw new ArgumentException($"a trade's exit_bar {trade.ExitBar} (entry_bar {trade.EntryBar}) is not in the chunk's bars [{from}, {toBar})", nameof(closedTrades));
        }
        foreach (ref readonly var trade in closedTrades)
            Trades.Add(in trade);
        NextBar = toBar;
        return Equity.AsSpan(from, toBar - from);
    }
}
