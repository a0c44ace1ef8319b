using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Application.Backtests;

/// <summary>
/// A chunk's trades blob: its closed trades as the simulation's values, no <see cref="Trade"/> record on either side.
/// Writes the binary, versioned <see cref="ChunkTradesBinaryFormat">"CHTR" blob</see> (packed values, an XxHash3
/// checksum); reads it and the <see cref="ChunkTradesJsonFormat">JSON</see> blobs written before 2026-12-05, told apart
/// by their first bytes. A damaged, truncated or foreign blob is rejected with the reason, never half-read.
/// </summary>
public static class ChunkTradesCodec
{
    public const string ContentType = "application/x-chunk-trades";

    /// <summary>The blob of <paramref name="trades"/> (closed in bars [<paramref name="fromBar"/>, <paramref name="toBar"/>) of <paramref name="bars"/>, in close order).</summary>
    public static byte[] Encode(BarSeries bars, int fromBar, int toBar, ReadOnlySpan<ClosedTradeRecord> trades)
    {
        CheckChunk(bars, fromBar, toBar);
        return ChunkTradesBinaryFormat.Encode(bars, fromBar, toBar, trades);
    }

    /// <summary>
    /// Reads a trades blob of the chunk of bars [<paramref name="fromBar"/>, <paramref name="toBar"/>) of
    /// <paramref name="bars"/> into <paramref name="trades"/> (cleared first), in either format, every trade checked
    /// (<see cref="Check"/>).
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> blob, BarSeries bars, int fromBar, int toBar, List<ClosedTradeRecord> trades)
    {
        CheckChunk(bars, fromBar, toBar);
        ArgumentNullException.ThrowIfNull(trades);
        if (ChunkTradesJsonFormat.Holds(blob))
        {
            ChunkTradesJsonFormat.Decode(blob, bars, fromBar, toBar, trades);
            return;
        }
        try
        {
            ChunkTradesBinaryFormat.Decode(blob, bars, fromBar, toBar, trades);
            for (int i = 0; i < trades.Count; i++)
                Check(trades[i], i, fromBar, toBar);
        }
        catch
        {
            trades.Clear();
            throw;
        }
    }

    /// <summary>
    /// What a handed-over trade must be in either format: closed (not open), a known side and exit reason, entered at
    /// or before its exit, and closed inside the chunk (bars [<paramref name="fromBar"/>, <paramref name="toBar"/>)).
    /// </summary>
    internal static void Check(in ClosedTradeRecord trade, int index, int fromBar, int toBar)
    {
        if (trade.Side is not (PositionSide.Long or PositionSide.Short))
            throw Invalid($"trade {index}'s side {(int)trade.Side} is not one of 1 (long), -1 (short)");
        if (trade.ExitReason == ExitReason.Open)
            throw Invalid($"trade {index} is open (exit_reason open): a chunk hands over closed trades only");
        if (!Enum.IsDefined(trade.ExitReason))
            throw Invalid($"trade {index}'s exit_reason {(int)trade.ExitReason} is not one of 1 (signal), 2 (stop_loss), 3 (take_profit), 4 (end_of_data)");
        if (trade.ExitBar < fromBar || trade.ExitBar >= toBar)
            throw Invalid($"trade {index}'s exit_bar {trade.ExitBar} is not in the chunk's bars [{fromBar}, {toBar})");
        if (trade.EntryBar < 0 || trade.EntryBar > trade.ExitBar)
            throw Invalid($"trade {index}'s entry_bar {trade.EntryBar} is not in [0, exit_bar {trade.ExitBar}]");
    }

    internal static InvalidDataException Invalid(string what) => new($"chunk trades blob is invalid: {what}");

    private static void CheckChunk(BarSeries bars, int fromBar, int toBar)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (fromBar < 0 || fromBar > bars.Count)
            throw new ArgumentOutOfRangeException(nameof(fromBar), fromBar, $"must be in [0, {bars.Count}]");
        if (toBar < fromBar || toBar > bars.Count)
            throw new ArgumentOutOfRangeException(nameof(toBar), toBar, $"must be in [{fromBar}, {bars.Count}]");
    }
}
