using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Backtesting.Application.Curves;

/// <summary>
/// The curve blob format until 2026-12-05, "EQC1": Brotli (window 22, as <see cref="BrotliStream"/> writes it) over
/// "EQC1", the int32 count, the timestamps as zigzag-varint deltas from 0, the raw little-endian doubles and an FNV-1a
/// 64 checksum of everything before it. Still read (blobs of runs stored or in flight before the upgrade); the writer is
/// kept for the compatibility tests and the before/after benchmark, never used by the service.
/// </summary>
internal static class EquityCurveFormat1
{
    private static ReadOnlySpan<byte> Magic => "EQC1"u8;

    internal static byte[] Encode(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        if (timestamps.Length != values.Length)
            throw new ArgumentException("timestamps and values differ in length", nameof(timestamps));
        using var raw = new MemoryStream(16 + values.Length * 10);
        raw.Write(Magic);
        Span<byte> buffer = stackalloc byte[10];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, values.Length);
        raw.Write(buffer[..4]);
        long previous = 0;
        foreach (long t in timestamps)
        {
            long delta = unchecked(t - previous);
            previous = t;
            int n = Varint.Write(buffer, Varint.ZigZag(delta));
            raw.Write(buffer[..n]);
        }
        foreach (double v in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(buffer, v);
            raw.Write(buffer[..8]);
        }
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, Checksum(raw.GetBuffer().AsSpan(0, (int)raw.Length)));
        raw.Write(buffer[..8]);
        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            brotli.Write(raw.GetBuffer(), 0, (int)raw.Length);
        return compressed.ToArray();
    }

    internal static EquityCurve Decode(ReadOnlySpan<byte> encoded)
    {
        // the count is inside the compressed bytes: decompress into a pooled buffer that grows, a stream cut short is an error
        byte[] raw = ArrayPool<byte>.Shared.Rent(Math.Max(4096, 4 * encoded.Length));
        try
        {
            using var decoder = new BrotliDecoder();
            int read = 0, written = 0;
            while (true)
            {
                var status = decoder.Decompress(encoded[read..], raw.AsSpan(written), out int consumed, out int produced);
                read += consumed;
                written += produced;
                if (status == OperationStatus.Done && read == encoded.Length) break;
                if (status != OperationStatus.DestinationTooSmall) throw NotBrotli();
                byte[] larger = ArrayPool<byte>.Shared.Rent(2 * raw.Length);
                raw.AsSpan(0, written).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(raw);
                raw = larger;
            }
            var data = Verified(raw.AsSpan(0, written), out int count);
            var timestamps = new long[count];
            var values = new double[count];
            ReadPoints(data, timestamps, values);
            return new EquityCurve(timestamps, values);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>
    /// Into <paramref name="values"/>, which is written only once the blob's timestamps are found to be
    /// <paramref name="timestamps"/>. Through arrays: only blobs written before the upgrade take this path.
    /// </summary>
    internal static void DecodeInto(ReadOnlySpan<byte> encoded, ReadOnlySpan<long> timestamps, Span<double> values)
    {
        var curve = Decode(encoded);
        EquityCurveCodec.CheckCount(curve.Count, values.Length);
        if (!curve.Timestamps.AsSpan().SequenceEqual(timestamps))
            throw EquityCurveCodec.OtherTimestamps();
        curve.Values.CopyTo(values);
    }

    private static InvalidDataException NotBrotli() =>
        new("equity curve blob is truncated or corrupt (neither EQC2 nor a whole Brotli stream of EQC1)");

    /// <summary>The header and checksum checked: the points' bytes (after the count), and the count.</summary>
    private static ReadOnlySpan<byte> Verified(ReadOnlySpan<byte> all, out int count)
    {
        if (all.Length < 16 || !all[..4].SequenceEqual(Magic))
            throw new InvalidDataException("not an equity curve blob (missing EQC1 header)");
        ReadOnlySpan<byte> data = all[..^8];
        if (BinaryPrimitives.ReadUInt64LittleEndian(all[^8..]) != Checksum(data))
            throw new InvalidDataException("equity curve blob is corrupt (EQC1 checksum mismatch)");
        count = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
        if (count < 0) throw new InvalidDataException("equity curve blob is corrupt (negative count)");
        return data[8..];
    }

    private static void ReadPoints(ReadOnlySpan<byte> data, Span<long> timestamps, Span<double> values)
    {
        int pos = 0;
        long previous = 0;
        for (int i = 0; i < timestamps.Length; i++)
        {
            previous = unchecked(previous + Varint.UnZigZag(Varint.Read(data, ref pos)));
            timestamps[i] = previous;
        }
        if (data.Length - pos != 8L * values.Length)
            throw new InvalidDataException($"equity curve blob is corrupt (EQC1 holds {data.Length - pos} bytes of values for {values.Length} points)");
        for (int i = 0; i < values.Length; i++, pos += 8)
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(data[pos..]);
    }

    private static ulong Checksum(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in data) hash = unchecked((hash ^ b) * 1099511628211);
        return hash;
    }
}
