using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Backtesting.Application.Backtests;
using Backtesting.Application.Curves;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Application.Tests;

/// <summary>
/// Issue 17: the chunk trades blob ("CHTR" version 1) against hand-built bytes, and what it rejects (damage, truncation,
/// an unknown version, another chunk's or series' blob, impossible trades) before anything reaches the run's recording;
/// the JSON blobs of older workers still read.
/// </summary>
public sealed class ChunkTradesCodecTests
{
    // ten daily bars from 2024-01-01; the chunk under test is bars [2, 8)
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly BarSeries Bars = Series(Start, 10);

    private static readonly ClosedTradeRecord[] Trades =
    [
        // long 10 units entered at bar 1 (the previous chunk) for 100.5 with 0.1 fee, out at bar 3 for 102.25 by signal
        new(PositionSide.Long, 10, 1, 100.5, 0.1, 3, 102.25, 0.2, 17.2, ExitReason.Signal),
        // short 2.5 units from bar 4, stopped out at bar 7
        new(PositionSide.Short, 2.5, 4, 99, 0.05, 7, 101, 0.06, -5.11, ExitReason.StopLoss),
    ];

    [Fact]
    public void Encode_WritesTheDocumentedBytes()
    {
        var expected = new List<byte>();
        expected.AddRange("CHTR"u8.ToArray());
        expected.Add(1); // version
        expected.AddRange(Int32(2)); // from_bar
        expected.AddRange(Int32(8)); // to_bar
        expected.AddRange(Int64(Start.AddDays(2).Ticks)); // timestamp at bar 2
        expected.AddRange(Int64(Start.AddDays(7).Ticks)); // timestamp at bar 7 (to_bar - 1)
        expected.AddRange(Int32(2)); // count
        // trade 0: six doubles, the two bars, side +1, exit reason 1 (signal)
        foreach (double v in new[] { 10, 100.5, 0.1, 102.25, 0.2, 17.2 }) expected.AddRange(Double(v));
        expected.AddRange(Int32(1));
        expected.AddRange(Int32(3));
        expected.AddRange([0x01, 0x01]);
        // trade 1: side -1 as an int8 (0xFF), exit reason 2 (stop loss)
        foreach (double v in new[] { 2.5, 99, 0.05, 101, 0.06, -5.11 }) expected.AddRange(Double(v));
        expected.AddRange(Int32(4));
        expected.AddRange(Int32(7));
        expected.AddRange([0xFF, 0x02]);
        Assert.Equal(33 + 2 * 58, expected.Count);
        expected.AddRange(Int64(unchecked((long)XxHash3.HashToUInt64(expected.ToArray())))); // the checksum of all before it

        byte[] blob = ChunkTradesCodec.Encode(Bars, 2, 8, Trades);

        Assert.Equal(expected.ToArray(), blob);
        var read = new List<ClosedTradeRecord>();
        ChunkTradesCodec.Decode(blob, Bars, 2, 8, read);
        Assert.Equal(Trades, read);
    }

    [Fact]
    public void Decode_AnEmptyChunk_ReadsNoTrades()
    {
        byte[] blob = ChunkTradesCodec.Encode(Bars, 2, 8, []);
        Assert.Equal(33 + 8, blob.Length);
        var read = new List<ClosedTradeRecord> { Trades[0] };
        ChunkTradesCodec.Decode(blob, Bars, 2, 8, read);
        Assert.Empty(read);
    }

    [Fact]
    public void DecodeInto_ACorruptedByte_IsRejected_AndNothingIsRecorded()
    {
        for (int at = 0; at < 33 + 2 * 58 + 8; at++)
        {
            byte[] blob = ChunkTradesCodec.Encode(Bars, 0, 8, Trades);
            blob[at] ^= 0x10;
            var run = new RunRecording(Bars);
            var ex = Assert.Throws<InvalidDataException>(() => ChunkBlobs.DecodeInto(run, 8, CurveOf(0, 8), blob));
            // bytes 0-3 are the magic, 4 the version: each named as what it is; every other byte fails the checksum
            string reason = at < 4 ? "neither with \"CHTR\"" : at == 4 ? "version 17 is not one this build reads" : "checksum mismatch";
            Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
            Assert.Equal(0, run.NextBar);
        }
    }

    [Fact]
    public void DecodeInto_ATruncatedBlob_IsRejected_AndNothingIsRecorded()
    {
        byte[] blob = ChunkTradesCodec.Encode(Bars, 0, 8, Trades);
        foreach (int length in new[] { 0, 3, 20, 40, blob.Length - 58, blob.Length - 1 })
        {
            var run = new RunRecording(Bars);
            var ex = Assert.Throws<InvalidDataException>(() => ChunkBlobs.DecodeInto(run, 8, CurveOf(0, 8), blob.AsSpan(0, length)));
            Assert.StartsWith("chunk trades blob is invalid: ", ex.Message, StringComparison.Ordinal);
            Assert.Equal(0, run.NextBar);
        }
        // a whole blob with a count that does not match its length (checksum made to match)
        byte[] miscounted = Rechecksummed(blob, b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(29), 3));
        var countEx = Assert.Throws<InvalidDataException>(() => ChunkTradesCodec.Decode(miscounted, Bars, 0, 8, []));
        Assert.Contains("count 3 takes 215 bytes, the blob has 157", countEx.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AnUnknownVersion_IsNamed()
    {
        byte[] blob = Rechecksummed(ChunkTradesCodec.Encode(Bars, 0, 8, Trades), b => b[4] = 2);
        var ex = Assert.Throws<InvalidDataException>(() => ChunkTradesCodec.Decode(blob, Bars, 0, 8, []));
        Assert.Equal("chunk trades blob is invalid: version 2 is not one this build reads (version 1, or the JSON of older builds)", ex.Message);
    }

    [Fact]
    public void Decode_AnotherChunksOrSeriesBlob_IsRejected()
    {
        byte[] blob = ChunkTradesCodec.Encode(Bars, 2, 8, Trades);
        var ex = Assert.Throws<InvalidDataException>(() => ChunkTradesCodec.Decode(blob, Bars, 0, 8, []));
        Assert.Contains("it holds bars [2, 8) where the chunk of bars [0, 8) was expected", ex.Message, StringComparison.Ordinal);

        // the same bars of a series one day later
        var other = Series(Start.AddDays(1), 10);
        ex = Assert.Throws<InvalidDataException>(() => ChunkTradesCodec.Decode(blob, other, 2, 8, []));
        Assert.Contains("timestamps at bars 2 and 7 are not the series'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    // offsets in the first trade (at 33): 56 side, 57 exit reason, 52 exit_bar, 48 entry_bar
    [InlineData(33 + 56, 0, "trade 0's side 0 is not one of 1 (long), -1 (short)")]
    [InlineData(33 + 57, 0, "trade 0 is open (exit_reason open)")]
    [InlineData(33 + 57, 9, "trade 0's exit_reason 9 is not one of 1 (signal), 2 (stop_loss), 3 (take_profit), 4 (end_of_data)")]
    [InlineData(33 + 52, 8, "trade 0's exit_bar 8 is not in the chunk's bars [2, 8)")]
    [InlineData(33 + 48, 5, "trade 0's entry_bar 5 is not in [0, exit_bar 3]")]
    public void Decode_AnImpossibleTradeWithAValidChecksum_IsRejectedNamingTheField(int offset, byte value, string message)
    {
        byte[] blob = Rechecksummed(ChunkTradesCodec.Encode(Bars, 2, 8, Trades), b => b[offset] = value);
        var read = new List<ClosedTradeRecord>();
        var ex = Assert.Throws<InvalidDataException>(() => ChunkTradesCodec.Decode(blob, Bars, 2, 8, read));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Empty(read);
    }

    [Fact]
    public void Decode_AnOldWorkersJsonBlob_ReadsTheSameValues()
    {
        // as WorkflowJson wrote a List<Trade> before 2026-12-05 (computed is_open, pnl_percent and fees included)
        string json = """
            [{"side":"long","quantity":10,"entry_bar":1,"entry_time":"2024-01-02T00:00:00Z","entry_price":100.5,"entry_fee":0.1,"exit_bar":3,"exit_time":"2024-01-04T00:00:00Z","exit_price":102.25,"exit_fee":0.2,"pnl":17.2,"exit_reason":"signal","is_open":false,"pnl_percent":0.017114427860696517,"fees":0.30000000000000004},
            {"side":"short","quantity":2.5,"entry_bar":4,"entry_time":"2024-01-05T00:00:00Z","entry_price":99,"entry_fee":0.05,"exit_bar":7,"exit_time":"2024-01-08T00:00:00Z","exit_price":101,"exit_fee":0.06,"pnl":-5.11,"exit_reason":"stop_loss","is_open":false,"pnl_percent":-0.020646464646464646,"fees":0.11}]
            """.Replace("\n", "", StringComparison.Ordinal);
        var read = new List<ClosedTradeRecord>();
        ChunkTradesCodec.Decode(Encoding.UTF8.GetBytes(json), Bars, 2, 8, read);
        Assert.Equal(Trades, read);

        // the chunk's bars are checked for JSON blobs too
        var ex = Assert.Throws<InvalidDataException>(() => ChunkTradesCodec.Decode(Encoding.UTF8.GetBytes(json), Bars, 4, 8, []));
        Assert.Contains("trade 0's exit_bar 3 is not in the chunk's bars [4, 8)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeInto_TheBinaryBlob_AppendsTheTradesAndTheCurve()
    {
        var run = new RunRecording(Bars);
        ChunkBlobs.DecodeInto(run, 2, CurveOf(0, 2), ChunkTradesCodec.Encode(Bars, 0, 2, []));
        ChunkBlobs.DecodeInto(run, 8, CurveOf(2, 8), ChunkTradesCodec.Encode(Bars, 2, 8, Trades));
        Assert.Equal(8, run.NextBar);
        // the second chunk's blob again is another chunk's now
        Assert.Throws<InvalidDataException>(() => ChunkBlobs.DecodeInto(run, 10, CurveOf(8, 10), ChunkTradesCodec.Encode(Bars, 2, 8, Trades)));
        Assert.Equal(8, run.NextBar);
    }

    private static byte[] CurveOf(int from, int to) =>
        EquityCurveCodec.Encode(Bars.Timestamps.AsSpan(from, to - from), Enumerable.Range(from, to - from).Select(i => 1000.0 + i).ToArray());

    /// <summary>A copy changed by <paramref name="change"/>, its checksum written again so that only the change is found.</summary>
    private static byte[] Rechecksummed(byte[] blob, Action<byte[]> change)
    {
        byte[] copy = (byte[])blob.Clone();
        change(copy);
        BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(copy.Length - 8), XxHash3.HashToUInt64(copy.AsSpan(0, copy.Length - 8)));
        return copy;
    }

    private static BarSeries Series(DateTime start, int count)
    {
        var timestamps = Enumerable.Range(0, count).Select(i => start.AddDays(i).Ticks).ToArray();
        var prices = Enumerable.Range(0, count).Select(i => 100.0 + i).ToArray();
        return new BarSeries(timestamps, prices, prices, prices, prices, prices);
    }

    private static byte[] Int32(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, v);
        return b;
    }

    private static byte[] Int64(long v)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, v);
        return b;
    }

    private static byte[] Double(double v)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(b, v);
        return b;
    }
}
