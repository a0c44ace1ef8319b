using Backtesting.Engine.Data;

namespace Backtesting.Engine.Simulation;

/// <summary>
/// One run's equity at every bar and its closed trades, filled chunk after chunk in bar order by
/// <see cref="BacktestSimulator.Advance(SimulatorState, int, RunRecording)"/> and read by
/// <see cref="BacktestSimulator.Finish(SimulatorState, RunRecording)"/>: how the chunks of a run hand their results to
/// its finalization inside one process. Each chunk writes straight into the run's curve at its own bars (no per-chunk
/// array, no copy) and keeps its trades as values in the run's <see cref="TradeLog"/>, as a one-pass run does, so K
/// chunks cost one pass plus K set-ups of the simulation core.
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

    internal BarSeries Bars { get; }

    /// <summary>Equity of bars [0, <see cref="NextBar"/>); the rest is not written yet.</summary>
    internal double[] Equity { get; }

    internal TradeLog Trades { get; }
}
