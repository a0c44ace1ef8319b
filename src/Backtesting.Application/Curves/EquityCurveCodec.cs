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
        if (curve.Timestamps.Length != curve.Values.Length)
            throw new ArgumentException("timestamps and values differ in length", nameof(curve));
        using var raw = new MemoryStream(16 + curve.Count * 10);
        raw.Write(Magic);
        Span<byte> buffer = stackalloc byte[10];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, curve.Count);
        raw.Write(buffer[..4]);
        long previous = 0;
        foreach (long t in curve.Timestamps)
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
        foreach (double v in curve.Values)
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
            return DecodeUnchecked(encoded);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("equity curve blob is truncated or corrupt", ex);
        }
    }

    private static EquityCurve DecodeUnchecked(ReadOnlySpan<byte> encoded)
    {
        using var input = new MemoryStream(encoded.ToArray());
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        brotli.CopyTo(raw);
        ReadOnlySpan<byte> all = raw.GetBuffer().AsSpan(0, (int)raw.Length);
        if (all.Length < 16 || !all[..4].SequenceEqual(Magic))
            throw new InvalidDataException("not an equity curve blob (missing EQC1 header)");
        ReadOnlySpan<byte> data = all[..^8];
        if (BinaryPrimitives.ReadUInt64LittleEndian(all[^8..]) != Checksum(data))
            throw new InvalidDataException("equity curve blob is corrupt (checksum mismatch)");
        int count = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
        int pos = 8;
        var timestamps = new long[count];
        long previous = 0;
        for (int i = 0; i < count; i++)
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
        var values = new double[count];
        for (int i = 0; i < count; i++, pos += 8)
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(data[pos..]);
        return new EquityCurve(timestamps, values);
    }

    private static ulong Checksum(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in data) hash = (hash ^ b) * 1099511628211;
        return hash;
    }
}
