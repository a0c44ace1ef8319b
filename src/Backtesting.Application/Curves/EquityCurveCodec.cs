using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Backtesting.Application.Curves;

/// <summary>
/// Compact binary form of a curve for blobs: "EQC1", count, timestamps as zigzag-varint deltas
/// (regular bars cost one or two bytes), the raw doubles and an FNV-1a checksum, all
/// Brotli-compressed. Lossless; a damaged blob is rejected, never half-read.
/// </summary>
public static class EquityCurveCodec
{
    private static ReadOnlySpan<byte> Magic => "EQC1"u8;

    public const string ContentType = "application/x-equity-curve";

    public static byte[] Encode(EquityCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return Encode(curve.Timestamps, curve.Values);
    }

    /// <summary>The blob of a curve held elsewhere (a chunk's bars of the series' timestamps and its pooled equity): no copy first.</summary>
    public static byte[] Encode(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
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
            long delta = t - previous;
            previous = t;
            ulong zigzag = (ulong)((delta << 1) ^ (delta >> 63));
            int n = 0;
            while (zigzag >= 0x80)
            {
                buffer[n++] = (byte)(zigzag | 0x80);
                zigzag >>= 7;
            }
            buffer[n++] = (byte)zigzag;
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

    public static EquityCurve Decode(ReadOnlySpan<byte> encoded)
    {
        try
        {
            using var input = new MemoryStream(encoded.ToArray());
            using var brotli = new BrotliStream(input, CompressionMode.Decompress);
            using var raw = new MemoryStream();
            brotli.CopyTo(raw);
            var data = Verified(raw.GetBuffer().AsSpan(0, (int)raw.Length), out int count);
            var timestamps = new long[count];
            var values = new double[count];
            ReadPoints(data, timestamps, values);
            return new EquityCurve(timestamps, values);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            throw Corrupt(ex);
        }
    }

    /// <summary>
    /// Decodes a curve of known timestamps (a chunk of the run's series) straight into <paramref name="values"/>, e.g.
    /// the run's recording: the blob must hold exactly these timestamps, else it is of another series or chunk.
    /// </summary>
    public static void DecodeInto(ReadOnlySpan<byte> encoded, ReadOnlySpan<long> timestamps, Span<double> values)
    {
        if (timestamps.Length != values.Length)
            throw new ArgumentException("timestamps and values differ in length", nameof(timestamps));
        // the raw form is at most header + 10-byte varints + doubles + checksum: one decompression into a pooled buffer
        int most = 16 + 18 * values.Length;
        byte[] raw = ArrayPool<byte>.Shared.Rent(most + 1);
        long[] read = ArrayPool<long>.Shared.Rent(values.Length);
        try
        {
            if (!BrotliDecoder.TryDecompress(encoded, raw, out int written) || written > most)
                throw new InvalidDataException("equity curve blob is truncated or corrupt (not a Brotli stream of a curve this long)");
            var data = Verified(raw.AsSpan(0, written), out int count);
            if (count != values.Length)
                throw new InvalidDataException($"equity curve blob holds {count} points where {values.Length} were expected");
            ReadPoints(data, read.AsSpan(0, count), values);
            if (!read.AsSpan(0, count).SequenceEqual(timestamps))
                throw new InvalidDataException("equity curve blob's timestamps are not the expected bars' (another series or chunk)");
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            throw Corrupt(ex);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(read);
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    private static InvalidDataException Corrupt(Exception inner) => new("equity curve blob is truncated or corrupt", inner);

    /// <summary>The header and checksum checked: the points' bytes (after the count), and the count.</summary>
    private static ReadOnlySpan<byte> Verified(ReadOnlySpan<byte> all, out int count)
    {
        if (all.Length < 16 || !all[..4].SequenceEqual(Magic))
            throw new InvalidDataException("not an equity curve blob (missing EQC1 header)");
        ReadOnlySpan<byte> data = all[..^8];
        if (BinaryPrimitives.ReadUInt64LittleEndian(all[^8..]) != Checksum(data))
            throw new InvalidDataException("equity curve blob is corrupt (checksum mismatch)");
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
            ulong value = 0;
            int shift = 0;
            byte b;
            do
            {
                b = data[pos++];
                value |= (ulong)(b & 0x7f) << shift;
                shift += 7;
            } while (b >= 0x80);
            long delta = (long)(value >> 1) ^ -(long)(value & 1);
            previous += delta;
            timestamps[i] = previous;
        }
        for (int i = 0; i < values.Length; i++, pos += 8)
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(data[pos..]);
    }

    private static ulong Checksum(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in data) hash = (hash ^ b) * 1099511628211;
        return hash;
    }
}
