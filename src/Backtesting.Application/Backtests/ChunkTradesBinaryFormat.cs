using System.Buffers.Binary;
using Backtesting.Application.Curves;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Application.Backtests;

/// <summary>
/// The chunk trades blob since 2026-12-05: a chunk's closed trades as the simulation's values, packed field by field
/// (<see cref="ClosedTradeRecord"/>'s memory layout is the runtime's choice, so it is not written as it lies),
/// little-endian:
/// <code>
/// 0   "CHTR"
/// 4   byte    version: 1
/// 5   int32   from_bar: the chunk's first bar
/// 9   int32   to_bar: the bar after its last
/// 13  int64   the series' timestamp at from_bar (0 for an empty chunk)
/// 21  int64   the series' timestamp at to_bar - 1 (0 for an empty chunk)
/// 29  int32   count
/// 33  count trades of 58 bytes, in close order:
///       0 float64 quantity, 8 entry_price, 16 entry_fee, 24 exit_price, 32 exit_fee, 40 pnl,
///       48 int32 entry_bar, 52 int32 exit_bar, 56 int8 side (1 long, -1 short),
///       57 uint8 exit_reason (1 signal, 2 stop_loss, 3 take_profit, 4 end_of_data; 0 open is never handed over)
/// end uint64 XxHash3 (seed 0) of every byte before it (<see cref="BlobChecksum"/>)
/// </code>
/// Trades keep bars, not times: the header's bars and timestamps tie the blob to one chunk of one series (another
/// series' or chunk's blob is rejected). The checksum, the version and the exact length are checked before any trade
/// is read out. A new layout takes the next version; readers name the versions they know.
/// </summary>
internal static class ChunkTradesBinaryFormat
{
    internal static ReadOnlySpan<byte> Magic => "CHTR"u8;

    internal const byte Version = 1;
    internal const int HeaderLength = 33;
    internal const int TradeLength = 58;

    /// <summary>The blob of <paramref name="trades"/>, closed in bars [<paramref name="fromBar"/>, <paramref name="toBar"/>) of <paramref name="bars"/>.</summary>
    internal static byte[] Encode(BarSeries bars, int fromBar, int toBar, ReadOnlySpan<ClosedTradeRecord> trades)
    {
        long length = HeaderLength + (long)TradeLength * trades.Length + BlobChecksum.Length;
        if (length > Array.MaxLength)
            throw new ArgumentException($"{trades.Length} trades are too many for one blob", nameof(trades));
        // sized exactly up front: one array, every byte written below
        byte[] blob = GC.AllocateUninitializedArray<byte>((int)length);
        var span = blob.AsSpan();
        Magic.CopyTo(span);
        span[4] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(span[5..], fromBar);
        BinaryPrimitives.WriteInt32LittleEndian(span[9..], toBar);
        var (first, last) = Ends(bars, fromBar, toBar);
        BinaryPrimitives.WriteInt64LittleEndian(span[13..], first);
        BinaryPrimitives.WriteInt64LittleEndian(span[21..], last);
        BinaryPrimitives.WriteInt32LittleEndian(span[29..], trades.Length);
        int pos = HeaderLength;
        foreach (ref readonly var t in trades)
        {
            var slot = span.Slice(pos, TradeLength);
            BinaryPrimitives.WriteDoubleLittleEndian(slot, t.Quantity);
            BinaryPrimitives.WriteDoubleLittleEndian(slot[8..], t.EntryPrice);
            BinaryPrimitives.WriteDoubleLittleEndian(slot[16..], t.EntryFee);
            BinaryPrimitives.WriteDoubleLittleEndian(slot[24..], t.ExitPrice);
            BinaryPrimitives.WriteDoubleLittleEndian(slot[32..], t.ExitFee);
            BinaryPrimitives.WriteDoubleLittleEndian(slot[40..], t.Pnl);
            BinaryPrimitives.WriteInt32LittleEndian(slot[48..], t.EntryBar);
            BinaryPrimitives.WriteInt32LittleEndian(slot[52..], t.ExitBar);
            slot[56] = unchecked((byte)(sbyte)t.Side);
            slot[57] = (byte)t.ExitReason;
            pos += TradeLength;
        }
        BlobChecksum.Write(span, pos);
        return blob;
    }

    /// <summary>
    /// The blob's trades into <paramref name="trades"/> (cleared first), once the checksum, version, length and header
    /// are found to be of bars [<paramref name="fromBar"/>, <paramref name="toBar"/>) of <paramref name="bars"/>; the
    /// trades' fields are checked by the caller.
    /// </summary>
    internal static void Decode(ReadOnlySpan<byte> blob, BarSeries bars, int fromBar, int toBar, List<ClosedTradeRecord> trades)
    {
        int count = Verified(blob, bars, fromBar, toBar);
        trades.Clear();
        trades.EnsureCapacity(count);
        var body = blob.Slice(HeaderLength, count * TradeLength);
        for (int i = 0; i < count; i++)
        {
            var slot = body.Slice(i * TradeLength, TradeLength);
            trades.Add(new ClosedTradeRecord(
                Side: (PositionSide)unchecked((sbyte)slot[56]),
                Quantity: BinaryPrimitives.ReadDoubleLittleEndian(slot),
                EntryBar: BinaryPrimitives.ReadInt32LittleEndian(slot[48..]),
                EntryPrice: BinaryPrimitives.ReadDoubleLittleEndian(slot[8..]),
                EntryFee: BinaryPrimitives.ReadDoubleLittleEndian(slot[16..]),
                ExitBar: BinaryPrimitives.ReadInt32LittleEndian(slot[52..]),
                ExitPrice: BinaryPrimitives.ReadDoubleLittleEndian(slot[24..]),
                ExitFee: BinaryPrimitives.ReadDoubleLittleEndian(slot[32..]),
                Pnl: BinaryPrimitives.ReadDoubleLittleEndian(slot[40..]),
                ExitReason: (ExitReason)slot[57]));
        }
    }

    /// <summary>The trade count, once the blob is found whole, of this version, and of the expected chunk.</summary>
    private static int Verified(ReadOnlySpan<byte> blob, BarSeries bars, int fromBar, int toBar)
    {
        if (blob.Length < HeaderLength + BlobChecksum.Length)
            throw Invalid($"truncated ({blob.Length} bytes, a version {Version} header and checksum take {HeaderLength + BlobChecksum.Length})");
        if (!blob[..Magic.Length].SequenceEqual(Magic))
            throw Invalid("it starts neither with \"CHTR\" nor with a JSON array");
        // the version before the checksum: a blob of a newer build is named as such, not as damage
        if (blob[4] != Version)
            throw Invalid($"version {blob[4]} is not one this build reads (version {Version}, or the JSON of older builds)");
        if (!BlobChecksum.Holds(blob))
            throw Invalid("corrupt or truncated (checksum mismatch)");
        int count = BinaryPrimitives.ReadInt32LittleEndian(blob[29..]);
        long expected = HeaderLength + (long)TradeLength * count + BlobChecksum.Length;
        if (count < 0 || blob.Length != expected)
            throw Invalid($"corrupt (count {count} takes {expected} bytes, the blob has {blob.Length})");
        int from = BinaryPrimitives.ReadInt32LittleEndian(blob[5..]), to = BinaryPrimitives.ReadInt32LittleEndian(blob[9..]);
        if (from != fromBar || to != toBar)
            throw Invalid($"it holds bars [{from}, {to}) where the chunk of bars [{fromBar}, {toBar}) was expected");
        var (first, last) = Ends(bars, fromBar, toBar);
        if (BinaryPrimitives.ReadInt64LittleEndian(blob[13..]) != first || BinaryPrimitives.ReadInt64LittleEndian(blob[21..]) != last)
            throw Invalid($"its timestamps at bars {fromBar} and {toBar - 1} are not the series' (a blob of another series)");
        return count;
    }

    private static (long First, long Last) Ends(BarSeries bars, int fromBar, int toBar) =>
        fromBar < toBar ? (bars.Timestamps[fromBar], bars.Timestamps[toBar - 1]) : (0, 0);

    private static InvalidDataException Invalid(string what) => ChunkTradesCodec.Invalid(what);
}
