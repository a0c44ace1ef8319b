using System.Buffers;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Engine.Simulation;

/// <summary>
/// Equity at every bar of a run (or of one chunk's bars) and the closed trades, filled chunk after chunk in bar order by
/// <see cref="BacktestSimulator.Advance(SimulatorState, int, RunRecording)"/> and read by
/// <see cref="BacktestSimulator.Finish(SimulatorState, RunRecording)"/>. Each chunk writes straight into the curve at its
/// own bars (no per-chunk array, no copy) and keeps its trades as values in a <see cref="TradeLog"/>, as a one-pass run
/// does, so K chunks cost one pass plus K set-ups of the simulation core.
/// <para>
/// Chunks that hand over through blobs (workers in other processes) use both kinds: a chunk simulates into a
/// <see cref="ForChunk"/> recording (a pooled buffer of its bars) and encodes from it; the finalization
/// <see cref="Append"/>s each chunk's decoded curve and trades to the run's recording and finishes it as above.
/// </para>
/// </summary>
public sealed class RunRecording : IDisposable
{
    private double[]? _pooled;

    /// <summary>A recording of the whole run, from bar 0.</summary>
    public RunRecording(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        Bars = bars;
        // every bar is written before it is read (Finish requires the recording to be complete); as a one-pass curve
        Equity = HugePages.NewArray<double>(bars.Count);
        EndBar = bars.Count;
        Trades = new TradeLog(bars);
    }

    private RunRecording(BarSeries bars, int fromBar, int toBar)
    {
        Bars = bars;
        // a chunk's curve lives until it is encoded: pooled, so a worker's chunks reuse warm memory
        _pooled = ArrayPool<double>.Shared.Rent(toBar - fromBar);
        Equity = _pooled;
        FirstBar = fromBar;
        NextBar = fromBar;
        EndBar = toBar;
        IsChunk = true;
        Trades = new TradeLog(bars);
    }

    /// <summary>
    /// A recording of bars [<paramref name="fromBar"/>, <paramref name="toBar"/>) only: one chunk whose results travel
    /// on their own (blobs). Its curve is a pooled buffer, returned by <see cref="Dispose"/>.
    /// </summary>
    public static RunRecording ForChunk(BarSeries bars, int fromBar, int toBar)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (fromBar < 0 || fromBar > bars.Count)
            throw new ArgumentOutOfRangeException(nameof(fromBar), fromBar, $"must be in [0, {bars.Count}]");
        if (toBar < fromBar || toBar > bars.Count)
            throw new ArgumentOutOfRangeException(nameof(toBar), toBar, $"must be in [{fromBar}, {bars.Count}]");
        return new RunRecording(bars, fromBar, toBar);
    }

    /// <summary>The first bar this recording holds: 0 for a run, the chunk's first bar for <see cref="ForChunk"/>.</summary>
    public int FirstBar { get; }

    /// <summary>The first bar not recorded yet: the next chunk must start here.</summary>
    public int NextBar { get; internal set; }

    /// <summary>The bar after the last one this recording can hold.</summary>
    public int EndBar { get; }

    /// <summary>True for a <see cref="ForChunk"/> recording: one chunk's bars in a pooled buffer, never a run's output.</summary>
    public bool IsChunk { get; }

    /// <summary>True once every bar it can hold is recorded.</summary>
    public bool IsComplete => NextBar == EndBar;

    /// <summary>Equity of bars [<see cref="FirstBar"/>, <see cref="NextBar"/>).</summary>
    public ReadOnlySpan<double> RecordedEquity => Equity.AsSpan(0, NextBar - FirstBar);

    /// <summary>The closed trades recorded so far, in close order (records built when read, e.g. to encode them).</summary>
    public IReadOnlyList<Trade> ClosedTrades => Trades;

    /// <summary>The series recorded: its trades' times and the curve's timestamps are this series'.</summary>
    public BarSeries Bars { get; }

    /// <summary>Equity of bar i at [i - <see cref="FirstBar"/>]; only [0, NextBar - FirstBar) is written.</summary>
    internal double[] Equity { get; }

    internal TradeLog Trades { get; }

    /// <summary>
    /// Records bars [<see cref="NextBar"/>, <paramref name="toBar"/>) simulated elsewhere (a chunk handed over through
    /// blobs): appends its closed trades (as values; their times must be this series') and returns the span of its
    /// equity, which the caller fills with the chunk's curve (e.g. decodes into it) before the recording is read.
    /// </summary>
    public Span<double> Append(int toBar, IReadOnlyList<Trade> closedTrades)
    {
        ArgumentNullException.ThrowIfNull(closedTrades);
        int from = NextBar;
        if (toBar < from || toBar > EndBar)
            throw new ArgumentOutOfRangeException(nameof(toBar), toBar, $"must be in [{from}, {EndBar}]: chunks are recorded in bar order");
        for (int i = 0; i < closedTrades.Count; i++)
            Trades.Add(ClosedValue(closedTrades[i], from, toBar));
        NextBar = toBar;
        return Equity.AsSpan(from - FirstBar, toBar - from);
    }

    /// <summary>Returns a chunk's pooled curve; the recording must not be read after this.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _pooled, null) is { } pooled)
            ArrayPool<double>.Shared.Return(pooled);
    }

    /// <summary>A chunk's closed trade as the value the simulation records, checked against this series and the chunk's bars.</summary>
    private ClosedTradeRecord ClosedValue(Trade trade, int fromBar, int toBar)
    {
        ArgumentNullException.ThrowIfNull(trade);
        if (trade.ExitBar is not { } exitBar || trade.ExitPrice is not { } exitPrice || trade.IsOpen)
            throw new ArgumentException($"trade entered at bar {trade.EntryBar} is not closed (exit_bar, exit_price and exit_reason required)", nameof(trade));
        if (exitBar < fromBar || exitBar >= toBar || trade.EntryBar < 0 || trade.EntryBar > exitBar)
            throw new ArgumentException($"trade exit_bar {exitBar} (entry_bar {trade.EntryBar}) is not in the chunk's bars [{fromBar}, {toBar})", nameof(trade));
        // the values keep bars only (times are read from the series): times of another series must not pass for this one's
        if (trade.EntryTime != Bars.TimeAt(trade.EntryBar) || trade.ExitTime != Bars.TimeAt(exitBar))
            throw new ArgumentException($"trade entry_time/exit_time at bars {trade.EntryBar}/{exitBar} are not this series' times", nameof(trade));
        return new ClosedTradeRecord(trade.Side, trade.Quantity, trade.EntryBar, trade.EntryPrice, trade.EntryFee, exitBar, exitPrice, trade.ExitFee, trade.Pnl, trade.ExitReason);
    }
}
