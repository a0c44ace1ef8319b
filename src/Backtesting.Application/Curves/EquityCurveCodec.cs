namespace Backtesting.Application.Curves;

/// <summary>
/// Binary form of a curve for blobs (chunk hand-overs, every completed run's curve). Writes
/// <see cref="EquityCurveFormat2">EQC2</see> (uncompressed doubles, timestamps as a step rule or varint deltas, an
/// XxHash3 checksum); reads EQC2 and the <see cref="EquityCurveFormat1">EQC1</see> blobs written before 2026-12-05.
/// Lossless; a damaged blob is rejected, never half-read.
/// </summary>
public static class EquityCurveCodec
{
    public const string ContentType = "application/x-equity-curve";

    public static byte[] Encode(EquityCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return Encode(curve.Timestamps, curve.Values);
    }

    /// <summary>The blob of a curve held elsewhere (a chunk's bars of the series' timestamps and its pooled equity): no copy first.</summary>
    public static byte[] Encode(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values) => EquityCurveFormat2.Encode(timestamps, values);

    public static EquityCurve Decode(ReadOnlySpan<byte> encoded)
    {
        if (IsFormat2(encoded))
            return EquityCurveFormat2.Decode(encoded);
        try
        {
            return EquityCurveFormat1.Decode(encoded);
        }
        catch (Exception ex) when (IsOutOfBounds(ex))
        {
            throw Corrupt(ex);
        }
    }

    /// <summary>
    /// Decodes a curve of known timestamps (a chunk of the run's series) straight into <paramref name="values"/>, e.g.
    /// the run's recording: the blob must hold exactly these timestamps, else it is of another series or chunk, and
    /// <paramref name="values"/> is left as it was.
    /// </summary>
    public static void DecodeInto(ReadOnlySpan<byte> encoded, ReadOnlySpan<long> timestamps, Span<double> values)
    {
        if (timestamps.Length != values.Length)
            throw new ArgumentException("timestamps and values differ in length", nameof(timestamps));
        if (IsFormat2(encoded))
        {
            EquityCurveFormat2.DecodeInto(encoded, timestamps, values);
            return;
        }
        try
        {
            EquityCurveFormat1.DecodeInto(encoded, timestamps, values);
        }
        catch (Exception ex) when (IsOutOfBounds(ex))
        {
            throw Corrupt(ex);
        }
    }

    /// <summary>
    /// EQC2 starts with its magic; EQC1 is a Brotli stream, whose first byte (window size 22, as .NET writes it: 0x0B in
    /// the low nibble) is never 'E'.
    /// </summary>
    private static bool IsFormat2(ReadOnlySpan<byte> encoded) => encoded.StartsWith(EquityCurveFormat2.Magic);

    internal static void CheckCount(int count, int expected)
    {
        if (count != expected)
            throw new InvalidDataException($"equity curve blob holds {count} points where {expected} were expected");
    }

    internal static InvalidDataException OtherTimestamps() =>
        new("equity curve blob's timestamps are not the expected bars' (another series or chunk)");

    /// <summary>How EQC1's reader (indexing into the decompressed bytes) runs into a damaged blob.</summary>
    private static bool IsOutOfBounds(Exception ex) => ex is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException;

    private static InvalidDataException Corrupt(Exception inner) => new("equity curve blob is truncated or corrupt", inner);
}
