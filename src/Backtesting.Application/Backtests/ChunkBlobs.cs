using System.Runtime.InteropServices;
using Backtesting.Application.Curves;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Application.Backtests;

/// <summary>
/// The two blobs a chunk hands to its finalization where activities may run in other processes (Durable workers): its
/// equity curve (<see cref="EquityCurveCodec"/>, the chunk's timestamps and values) and its closed trades
/// (<see cref="ChunkTradesCodec"/>, the trade values). Curves are written as EQC2 and trades as the binary "CHTR"
/// blob since 2026-12-05, and either is read in every version before it (EQC1 curves, JSON trades), so a run whose
/// chunks ran before that upgrade finishes after it. Not the other way round: a worker of an older build reads neither
/// EQC2 nor CHTR, so a mixed-version Durable fleet must drain its chunked runs before the upgrade. Encoded from a
/// chunk's <see cref="ChunkRecording"/> and decoded straight into the run's <see cref="RunRecording"/>: no per-chunk
/// arrays, no trade records.
/// </summary>
public static class ChunkBlobs
{
    [ThreadStatic]
    private static List<ClosedTradeRecord>? t_trades;

    /// <summary>The equity and trades blobs of a chunk simulated into <paramref name="chunk"/>.</summary>
    public static (byte[] Equity, byte[] Trades) Encode(ChunkRecording chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var equity = chunk.Equity;
        byte[] curve = EquityCurveCodec.Encode(chunk.Bars.Timestamps.AsSpan(chunk.FirstBar, equity.Length), equity);
        return (curve, ChunkTradesCodec.Encode(chunk.Bars, chunk.FirstBar, chunk.NextBar, chunk.ClosedTrades));
    }

    /// <summary>
    /// Appends a chunk's blobs, bars [<paramref name="run"/>.NextBar, <paramref name="toBar"/>) of its series, to the
    /// run's recording: trades as values (the trades blob read and checked whole before any is appended), the curve
    /// decoded into the recording's own buffer.
    /// </summary>
    public static void DecodeInto(RunRecording run, int toBar, ReadOnlySpan<byte> equity, ReadOnlySpan<byte> trades)
    {
        ArgumentNullException.ThrowIfNull(run);
        int from = run.NextBar;
        var closed = t_trades ??= [];
        ChunkTradesCodec.Decode(trades, run.Bars, from, toBar, closed);
        var target = run.Append(toBar, CollectionsMarshal.AsSpan(closed));
        EquityCurveCodec.DecodeInto(equity, run.Bars.Timestamps.AsSpan(from, toBar - from), target);
    }
}
