using System.Text.Json;
using Backtesting.Application.Curves;
using Backtesting.Application.Json;
using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Backtests;

/// <summary>
/// The two blobs a chunk hands to its finalization where activities may run in other processes (Durable workers): its
/// equity curve (<see cref="EquityCurveCodec"/>, EQC1, the chunk's timestamps and values) and its closed trades (a JSON
/// array of <see cref="Trade"/>, <see cref="WorkflowJson"/>). The format is the one chunks have always written, so a
/// run whose chunks ran before an upgrade finishes after it, and the other way round. Encoded from a chunk's
/// <see cref="RunRecording.ForChunk"/> recording and decoded straight into the run's recording: no per-chunk arrays.
/// </summary>
public static class ChunkBlobs
{
    public const string TradesContentType = "application/json";

    /// <summary>The equity and trades blobs of a chunk simulated into <paramref name="chunk"/>.</summary>
    public static (byte[] Equity, byte[] Trades) Encode(RunRecording chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var equity = chunk.RecordedEquity;
        byte[] curve = EquityCurveCodec.Encode(chunk.Bars.Timestamps.AsSpan(chunk.FirstBar, equity.Length), equity);
        return (curve, JsonSerializer.SerializeToUtf8Bytes(chunk.ClosedTrades, WorkflowJson.Options));
    }

    /// <summary>
    /// Appends a chunk's blobs, bars [<paramref name="recording"/>.NextBar, <paramref name="toBar"/>) of its series, to the
    /// run's recording: trades as values, the curve decoded into the recording's own buffer.
    /// </summary>
    public static void DecodeInto(RunRecording recording, int toBar, ReadOnlySpan<byte> equity, ReadOnlySpan<byte> trades)
    {
        ArgumentNullException.ThrowIfNull(recording);
        int from = recording.NextBar;
        var closed = JsonSerializer.Deserialize<List<Trade>>(trades, WorkflowJson.Options) ?? throw new InvalidDataException("chunk trades blob is not a JSON array of trades");
        var target = recording.Append(toBar, closed);
        EquityCurveCodec.DecodeInto(equity, recording.Bars.Timestamps.AsSpan(from, toBar - from), target);
    }
}
