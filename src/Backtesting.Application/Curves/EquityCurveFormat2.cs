using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Backtesting.Application.Curves;

/// <summary>
/// The curve blob format since 2026-12-05, "EQC2", uncompressed (an equity curve's doubles hardly compress, and Brotli
/// over them cost most of a chunked run's hand-over), little-endian:
/// <code>
/// 0   "EQC2"
/// 4   int32  count
/// 8   byte   timestamp rule: 0 = regular (first + i * step), 1 = zigzag-varint deltas in steps
/// 9   int64  first timestamp (0 when count is 0)
/// 17  int64  step: the regular step, or the greatest common divisor of the deltas (1 when there are none)
/// 25  rule 1 only: count - 1 varints, delta / step zigzagged (a daily series with gaps costs one byte a bar)
///     count doubles, raw
/// end uint64 XxHash3 (seed 0) of every byte before it (<see cref="BlobChecksum"/>)
/// </code>
/// The checksum and the exact length are checked before anything is read out: a damaged blob is rejected, never half-read.
/// </summary>
internal static class EquityCurveFormat2
{
    internal static ReadOnlySpan<byte> Magic => "EQC2"u8;

    private const int HeaderLength = 25;
    private const byte Regular = 0;
    private const byte Deltas = 1;

    internal static byte[] Encode(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        if (timestamps.Length != values.Length)
            throw new ArgumentException("timestamps and values differ in length", nameof(timestamps));
        var (rule, first, step) = TimestampRule(timestamps);
        long length = HeaderLength + 8L * values.Length + BlobChecksum.Length;
        if (rule == Deltas)
            for (int i = 1; i < timestamps.Length; i++)
                length += Varint.Length(Varint.ZigZag(Steps(timestamps, i, step)));
        if (length > Array.MaxLength)
            throw new ArgumentException($"a curve of {values.Length} points is too long for one blob", nameof(values));

        // sized exactly up front: one array, no stream growth, every byte written below
        byte[] blob = GC.AllocateUninitializedArray<byte>((int)length);
        var span = blob.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], values.Length);
        span[8] = rule;
        BinaryPrimitives.WriteInt64LittleEndian(span[9..], first);
        BinaryPrimitives.WriteInt64LittleEndian(span[17..], step);
        int pos = HeaderLength;
        if (rule == Deltas)
            for (int i = 1; i < timestamps.Length; i++)
                pos += Varint.Write(span[pos..], Varint.ZigZag(Steps(timestamps, i, step)));
        WriteDoubles(values, span.Slice(pos, 8 * values.Length));
        pos += 8 * values.Length;
        BlobChecksum.Write(span, pos);
        return blob;
    }

    internal static EquityCurve Decode(ReadOnlySpan<byte> encoded)
    {
        var layout = Verified(encoded);
        var timestamps = new long[layout.Count];
        ReadTimestamps(encoded, layout, timestamps);
        var values = new double[layout.Count];
        ReadDoubles(encoded.Slice(layout.ValuesAt, 8 * layout.Count), values);
        return new EquityCurve(timestamps, values);
    }

    /// <summary>Into <paramref name="values"/>, which is written only once the blob's timestamps are found to be <paramref name="timestamps"/>.</summary>
    internal static void DecodeInto(ReadOnlySpan<byte> encoded, ReadOnlySpan<long> timestamps, Span<double> values)
    {
        var layout = Verified(encoded);
        EquityCurveCodec.CheckCount(layout.Count, values.Length);
        if (!HoldsTimestamps(encoded, layout, timestamps))
            throw EquityCurveCodec.OtherTimestamps();
        ReadDoubles(encoded.Slice(layout.ValuesAt, 8 * layout.Count), values);
    }

    /// <summary>Regular when every delta is the same; else the deltas in units of their greatest common divisor.</summary>
    private static (byte Rule, long First, long Step) TimestampRule(ReadOnlySpan<long> timestamps)
    {
        if (timestamps.Length < 2)
            return (Regular, timestamps.IsEmpty ? 0 : timestamps[0], 1);
        long step = unchecked(timestamps[1] - timestamps[0]);
        bool regular = true;
        ulong divisor = 0;
        for (int i = 1; i < timestamps.Length; i++)
        {
            long delta = unchecked(timestamps[i] - timestamps[i - 1]);
            if (delta == step) continue;
            regular = false;
            divisor = Gcd(divisor, Magnitude(delta));
        }
        if (regular)
            return (Regular, timestamps[0], step);
        divisor = Gcd(divisor, Magnitude(step));
        // a divisor of 2^63 (deltas of long.MinValue) does not fit a step: count in single ticks then
        return (Deltas, timestamps[0], divisor is 0 or > long.MaxValue ? 1 : (long)divisor);
    }

    /// <summary>The delta before point <paramref name="i"/> in steps (exact: the step divides every delta).</summary>
    private static long Steps(ReadOnlySpan<long> timestamps, int i, long step) => unchecked(timestamps[i] - timestamps[i - 1]) / step;

    private static ulong Magnitude(long value) => value < 0 ? unchecked((ulong)-value) : (ulong)value;

    private static ulong Gcd(ulong a, ulong b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    private readonly record struct Layout(int Count, byte Rule, long First, long Step, int ValuesAt);

    /// <summary>The checksum, the header and the exact length checked; where the values start.</summary>
    private static Layout Verified(ReadOnlySpan<byte> all)
    {
        if (all.Length < HeaderLength + BlobChecksum.Length || !all[..4].SequenceEqual(Magic))
            throw new InvalidDataException($"equity curve blob is truncated ({all.Length} bytes, an EQC2 header and checksum take {HeaderLength + BlobChecksum.Length})");
        if (!BlobChecksum.Holds(all))
            throw new InvalidDataException("equity curve blob is corrupt or truncated (EQC2 checksum mismatch)");
        int count = BinaryPrimitives.ReadInt32LittleEndian(all[4..]);
        byte rule = all[8];
        long first = BinaryPrimitives.ReadInt64LittleEndian(all[9..]);
        long step = BinaryPrimitives.ReadInt64LittleEndian(all[17..]);
        if (count < 0)
            throw new InvalidDataException($"equity curve blob is corrupt (count {count} is negative)");
        if (rule is not (Regular or Deltas))
            throw new InvalidDataException($"equity curve blob is corrupt (timestamp rule {rule} is not one of 0 (regular), 1 (deltas))");
        if (rule == Deltas && step <= 0)
            throw new InvalidDataException($"equity curve blob is corrupt (delta step {step} is not positive)");
        int valuesAt = HeaderLength;
        if (rule == Deltas)
            for (int i = 1; i < count; i++)
                Varint.Read(all[..^BlobChecksum.Length], ref valuesAt);
        long expected = valuesAt + 8L * count + BlobChecksum.Length;
        if (all.Length != expected)
            throw new InvalidDataException($"equity curve blob is corrupt (EQC2 of {count} points takes {expected} bytes, the blob has {all.Length})");
        return new Layout(count, rule, first, step, valuesAt);
    }

    private static void ReadTimestamps(ReadOnlySpan<byte> all, Layout layout, Span<long> timestamps)
    {
        if (layout.Count == 0) return;
        long t = layout.First;
        timestamps[0] = t;
        int pos = HeaderLength;
        for (int i = 1; i < timestamps.Length; i++)
        {
            t = unchecked(t + NextDelta(all, layout, ref pos));
            timestamps[i] = t;
        }
    }

    private static bool HoldsTimestamps(ReadOnlySpan<byte> all, Layout layout, ReadOnlySpan<long> expected)
    {
        if (layout.Count == 0) return true;
        if (expected[0] != layout.First) return false;
        int pos = HeaderLength;
        for (int i = 1; i < expected.Length; i++)
        {
            if (unchecked(expected[i] - expected[i - 1]) != NextDelta(all, layout, ref pos)) return false;
        }
        return true;
    }

    /// <summary>The delta before the next point: the regular step, or the varint at <paramref name="pos"/> in steps.</summary>
    private static long NextDelta(ReadOnlySpan<byte> all, Layout layout, ref int pos) =>
        layout.Rule == Regular ? layout.Step : unchecked(Varint.UnZigZag(Varint.Read(all, ref pos)) * layout.Step);

    private static void WriteDoubles(ReadOnlySpan<double> values, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(destination);
            return;
        }
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(destination[(8 * i)..], values[i]);
    }

    private static void ReadDoubles(ReadOnlySpan<byte> source, Span<double> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            source.CopyTo(MemoryMarshal.AsBytes(values));
            return;
        }
        for (int i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]);
    }
}
