using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using Backtesting.Application.Curves;

namespace Backtesting.Application.Tests;

/// <summary>
/// The curve blob codec (issue 17): EQC2 is written, EQC2 and the EQC1 blobs written before 2026-12-05 are read, bit for
/// bit; a damaged blob of either version is rejected with a clear error and never half-read.
/// </summary>
public class EquityCurveCodecTests
{
    private static readonly long Minute = TimeSpan.TicksPerMinute;
    private static readonly long Start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    [Fact]
    public void EncodeDecode_RoundTripsExactly()
    {
        int n = 100_000;
        var ts = Enumerable.Range(0, n).Select(i => Start + i * Minute + (i % 7 == 0 ? 13 : 0)).ToArray();
        var values = Enumerable.Range(0, n).Select(i => 100_000 * Math.Exp(Math.Sin(i / 500.0) * 0.1) + i * 1e-7).ToArray();

        var decoded = EquityCurveCodec.Decode(EquityCurveCodec.Encode(new EquityCurve(ts, values)));

        Assert.Equal(ts, decoded.Timestamps);
        AssertSameBits(values, decoded.Values);
    }

    [Fact]
    public void RegularSeries_CostsNoBytePerTimestamp()
    {
        // a step rule: "EQC2" 4 + count 4 + rule 1 + first 8 + step 8 = 25, then 8 per value, then the 8-byte checksum
        var ts = Enumerable.Range(0, 1000).Select(i => Start + i * Minute).ToArray();
        var values = Enumerable.Range(0, 1000).Select(i => 1000.0 + i).ToArray();
        byte[] blob = EquityCurveCodec.Encode(ts, values);
        Assert.Equal(25 + 8 * 1000 + 8, blob.Length);
        Assert.Equal(0, blob[8]);
        Assert.Equal(ts, EquityCurveCodec.Decode(blob).Timestamps);
    }

    [Fact]
    public void DailySeriesWithWeekends_CostsOneBytePerTimestamp()
    {
        // weekdays only: deltas of 1 and 3 days, in steps of their common divisor (1 day) each fits one varint byte
        var days = Enumerable.Range(0, 400).Select(i => new DateTime(2021, 1, 4, 0, 0, 0, DateTimeKind.Utc).AddDays(i))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Select(d => d.Ticks).ToArray();
        var values = days.Select((_, i) => 100.0 * i).ToArray();
        byte[] blob = EquityCurveCodec.Encode(days, values);
        Assert.Equal(25 + (days.Length - 1) + 8 * days.Length + 8, blob.Length);
        Assert.Equal(1, blob[8]);
        Assert.Equal(TimeSpan.TicksPerDay, BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(17)));
        Assert.Equal(days, EquityCurveCodec.Decode(blob).Timestamps);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void TinyCurves_RoundTrip(int n)
    {
        var ts = Enumerable.Range(0, n).Select(i => Start + 5 * i).ToArray();
        var values = Enumerable.Range(0, n).Select(i => -0.0 - i).ToArray();
        var decoded = EquityCurveCodec.Decode(EquityCurveCodec.Encode(ts, values));
        Assert.Equal(ts, decoded.Timestamps);
        AssertSameBits(values, decoded.Values);
    }

    [Fact]
    public void ExtremeTimestampsAndValues_RoundTrip()
    {
        // deltas that overflow a long, go backwards, repeat; values with NaN, infinities and a negative zero
        long[] ts = [long.MinValue, long.MaxValue, 0, 0, -7, 3, long.MinValue, 1];
        double[] values = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue, 1e-300, 42];
        var decoded = EquityCurveCodec.Decode(EquityCurveCodec.Encode(ts, values));
        Assert.Equal(ts, decoded.Timestamps);
        AssertSameBits(values, decoded.Values);

        var target = new double[ts.Length];
        EquityCurveCodec.DecodeInto(EquityCurveCodec.Encode(ts, values), ts, target);
        AssertSameBits(values, target);
    }

    [Fact]
    public void Encode_WritesTheDocumentedLayout()
    {
        // three bars a minute apart, built by hand from the format description
        var expected = new List<byte>();
        expected.AddRange("EQC2"u8.ToArray());
        expected.AddRange([3, 0, 0, 0]); // count
        expected.Add(0); // regular
        expected.AddRange(BitConverter.GetBytes(Start)); // first (little-endian on this machine, asserted below)
        expected.AddRange([0x00, 0x46, 0xC3, 0x23, 0, 0, 0, 0]); // step: 1 minute = 600,000,000 ticks = 0x23C34600
        expected.AddRange([0, 0, 0, 0, 0, 0, 0x59, 0x40]); // 100.0 = 0x4059000000000000
        expected.AddRange([0, 0, 0, 0, 0, 0x60, 0x59, 0x40]); // 101.5 = 0x4059600000000000
        expected.AddRange([0, 0, 0, 0, 0, 0, 0xF0, 0xBF]); // -1.0 = 0xBFF0000000000000
        expected.AddRange(BitConverter.GetBytes(XxHash3.HashToUInt64(expected.ToArray())));
        Assert.True(BitConverter.IsLittleEndian);

        Assert.Equal(expected.ToArray(), EquityCurveCodec.Encode([Start, Start + Minute, Start + 2 * Minute], [100.0, 101.5, -1.0]));
    }

    [Fact]
    public void Decode_ReadsAnEqc1BlobBuiltFromTheOldFormat()
    {
        var blob = Eqc1Blob(Eqc1Payload);

        var curve = EquityCurveCodec.Decode(blob);
        Assert.Equal([1000L, 1060L], curve.Timestamps);
        Assert.Equal([100.0, 101.5], curve.Values);

        var target = new double[2];
        EquityCurveCodec.DecodeInto(blob, [1000L, 1060L], target);
        Assert.Equal([100.0, 101.5], target);
    }

    [Fact]
    public void LegacyWriter_StillWritesTheOldFormat()
    {
        // the EQC1 writer the chunk compatibility tests and the benchmark use: its Brotli stream holds the hand-built payload
        byte[] written = EquityCurveFormat1.Encode([1000L, 1060L], [100.0, 101.5]);
        using var brotli = new BrotliStream(new MemoryStream(written), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        brotli.CopyTo(raw);
        Assert.Equal(Eqc1Payload(), raw.ToArray());
    }

    [Fact]
    public void Eqc2_Damaged_IsRejected()
    {
        long[] ts = [Start, Start + Minute, Start + 3 * Minute];
        double[] values = [1, 2, 3];
        byte[] good = EquityCurveCodec.Encode(ts, values);

        for (int cut = 1; cut < good.Length; cut += 3)
            AssertRejected(good.AsSpan(0, good.Length - cut).ToArray(), ts, "truncated");
        AssertRejected([.. "EQC9"u8, .. good.AsSpan(4)], ts, "corrupt"); // a wrong magic is neither EQC2 nor a Brotli stream
        var flipped = (byte[])good.Clone();
        flipped[^12] ^= 1; // in the last value
        AssertRejected(flipped, ts, "EQC2 checksum mismatch");

        // a count that disagrees with the bytes, under a valid checksum: 4 points announced, 3 present
        var recount = WithChecksum(good, b => b[4] = 4);
        AssertRejected(recount, ts, "EQC2 of 4 points takes");
        var badRule = WithChecksum(good, b => b[8] = 7);
        AssertRejected(badRule, ts, "timestamp rule 7 is not one of 0 (regular), 1 (deltas)");

        // a well-formed blob of other points
        var ex = Assert.Throws<InvalidDataException>(() => EquityCurveCodec.DecodeInto(good, ts[..2], new double[2]));
        Assert.Contains("holds 3 points where 2 were expected", ex.Message, StringComparison.Ordinal);
        var target = new[] { 9.0, 9.0, 9.0 };
        ex = Assert.Throws<InvalidDataException>(() => EquityCurveCodec.DecodeInto(good, [Start, Start + Minute, Start + 2 * Minute], target));
        Assert.Contains("timestamps", ex.Message, StringComparison.Ordinal);
        Assert.Equal([9.0, 9.0, 9.0], target); // not half-read
    }

    [Fact]
    public void Eqc1_Damaged_IsRejected()
    {
        long[] ts = [1000L, 1060L];
        byte[] good = Eqc1Blob(Eqc1Payload);

        AssertRejected(good.AsSpan(0, good.Length - 3).ToArray(), ts, "corrupt");
        AssertRejected(Eqc1Blob(() => [.. "EQCX"u8, .. Eqc1Payload().AsSpan(4)]), ts, "missing EQC1 header");
        AssertRejected(Eqc1Blob(() =>
        {
            var p = Eqc1Payload();
            p[^10] ^= 1; // a value bit, the FNV-1a checksum left as it was
            return p;
        }), ts, "EQC1 checksum mismatch");
        foreach (byte count in new byte[] { 1, 3 })
            AssertRejected(Eqc1Blob(() =>
            {
                var p = Eqc1Payload()[..^8];
                p[4] = count;
                return [.. p, .. BitConverter.GetBytes(Fnv1a(p))];
            }), ts, "holds"); // the bytes disagree with the count, or the count with the expected bars
        Assert.ThrowsAny<InvalidDataException>(() => EquityCurveCodec.Decode(new byte[] { 1, 2, 3 }));

        var ex = Assert.Throws<InvalidDataException>(() => EquityCurveCodec.DecodeInto(good, [1000L], new double[1]));
        Assert.Contains("holds 2 points where 1 were expected", ex.Message, StringComparison.Ordinal);
        var target = new[] { 9.0, 9.0 };
        ex = Assert.Throws<InvalidDataException>(() => EquityCurveCodec.DecodeInto(good, [1000L, 1061L], target));
        Assert.Contains("timestamps", ex.Message, StringComparison.Ordinal);
        Assert.Equal([9.0, 9.0], target); // not half-read
    }

    /// <summary>
    /// An EQC1 payload by hand from the old format's description: "EQC1", count 2, timestamps 1000 and 1060 as zigzag
    /// varints of the deltas from 0 (1000 -> 2000 = 0x7D0 -> 0xD0 0x0F; 60 -> 120 = 0x78), 100.0 and 101.5 as raw
    /// little-endian doubles, then FNV-1a 64 of all of it.
    /// </summary>
    private static byte[] Eqc1Payload()
    {
        byte[] body = Convert.FromHexString("45514331" + "02000000" + "D00F" + "78" + "0000000000005940" + "0000000000605940");
        return [.. body, .. BitConverter.GetBytes(Fnv1a(body))];
    }

    /// <summary>As EQC1 blobs were stored: the payload through .NET's Brotli (window 22), not through the codec.</summary>
    private static byte[] Eqc1Blob(Func<byte[]> payload)
    {
        byte[] raw = payload();
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(raw.Length)];
        Assert.True(BrotliEncoder.TryCompress(raw, output, out int written, quality: 1, window: 22));
        return output[..written];
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in data) hash = unchecked((hash ^ b) * 1099511628211);
        return hash;
    }

    private static byte[] WithChecksum(byte[] blob, Action<byte[]> change)
    {
        var copy = (byte[])blob.Clone();
        change(copy);
        BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(copy.Length - 8), XxHash3.HashToUInt64(copy.AsSpan(0, copy.Length - 8)));
        return copy;
    }

    private static void AssertRejected(byte[] blob, long[] timestamps, string message)
    {
        var ex = Assert.ThrowsAny<InvalidDataException>(() => EquityCurveCodec.Decode(blob));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        var target = Enumerable.Repeat(9.0, timestamps.Length).ToArray();
        ex = Assert.ThrowsAny<InvalidDataException>(() => EquityCurveCodec.DecodeInto(blob, timestamps, target));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.All(target, v => Assert.Equal(9.0, v));
    }

    private static void AssertSameBits(double[] expected, double[] actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
}
