using System.Buffers;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Engine.Simulation;

/// <summary>
/// One chunk's equity (bars [<see cref="FirstBar"/>, <see cref="EndBar"/>)) and closed trades as values, for a chunk
/// whose results travel on their own (blobs: activities of one run in other processes): filled by
/// <see cref="BacktestSimulator.Advance(SimulatorState, int, ChunkRecording)"/>, encoded from, and appended (decoded)
/// to the run's <see cref="RunRecording"/> by the finalization. Both buffers come from the array pool, so a worker's
/// chunks reuse warm memory instead of a fresh curve and trade list per chunk; <see cref="Dispose"/> returns them.
/// </summary>
public sealed class ChunkRecording : IDisposable
{
    private double[]? _equity;
    private ClosedTradeRecord[]? _trades;
    private int _tradeCount;

    public ChunkRecording(BarSeries bars, int fromBar, int toBar)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (fromBar < 0 || fromBar > bars.Count)
            throw new ArgumentOutOfRangeException(nameof(fromBar), fromBar, $"must be in [0, {bars.Count}]");
        if (toBar < fromBar || toBar > bars.Count)
            throw new ArgumentOutOfRangeException(nameof(toBar), toBar, $"must be in [{fromBar}, {bars.Count}]");
        Bars = bars;
        FirstBar = fromBar;
        NextBar = fromBar;
        EndBar = toBar;
        _equity = ArrayPool<double>.Shared.Rent(Math.Max(1, toBar - fromBar));
        _trades = ArrayPool<ClosedTradeRecord>.Shared.Rent(256);
    }

    /// <summary>The series simulated: the curve's timestamps and the trades' times are this series'.</summary>
    public BarSeries Bars { get; }

    public int FirstBar { get; }

    /// <summary>The first bar not recorded yet.</summary>
    public int NextBar { get; internal set; }

    /// <summary>The bar after the chunk's last.</summary>
    public int EndBar { get; }

    public bool IsComplete => NextBar == EndBar;

    /// <summary>Equity of bars [<see cref="FirstBar"/>, <see cref="NextBar"/>).</summary>
    public ReadOnlySpan<double> Equity => Live(_equity).AsSpan(0, NextBar - FirstBar);

    /// <summary>The trades closed in the chunk, in close order.</summary>
    public ReadOnlySpan<ClosedTradeRecord> ClosedTrades => Live(_trades).AsSpan(0, _tradeCount);

    /// <summary>Where the equity of bars [from, to) is written.</summary>
    internal Span<double> EquityOf(int fromBar, int toBar) => Live(_equity).AsSpan(fromBar - FirstBar, toBar - fromBar);

    internal void Add(in ClosedTradeRecord trade)
    {
        var trades = Live(_trades);
        if (_tradeCount == trades.Length)
        {
            var larger = ArrayPool<ClosedTradeRecord>.Shared.Rent(trades.Length * 2);
            trades.AsSpan().CopyTo(larger);
            ArrayPool<ClosedTradeRecord>.Shared.Return(trades);
            _trades = trades = larger;
        }
        trades[_tradeCount++] = trade;
    }

    /// <summary>Returns the pooled buffers; the recording must not be used after this.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _equity, null) is { } equity) ArrayPool<double>.Shared.Return(equity);
        if (Interlocked.Exchange(ref _trades, null) is { } trades) ArrayPool<ClosedTradeRecord>.Shared.Return(trades);
    }

    private static T[] Live<T>(T[]? buffer) => buffer ?? throw new ObjectDisposedException(nameof(ChunkRecording));
}
