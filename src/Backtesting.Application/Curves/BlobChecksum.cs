using System.Buffers.Binary;
using System.IO.Hashing;

namespace Backtesting.Application.Curves;

/// <summary>
/// The trailer of the binary blob formats (EQC2 curves, the chunk trades blob): a little-endian uint64 XxHash3 (seed 0)
/// of every byte before it, checked before anything is read out of the blob.
/// </summary>
internal static class BlobChecksum
{
    public const int Length = 8;

    /// <summary>Writes the checksum of <paramref name="blob"/>[..<paramref name="end"/>] at <paramref name="end"/>.</summary>
    public static void Write(Span<byte> blob, int end) =>
        BinaryPrimitives.WriteUInt64LittleEndian(blob[end..], XxHash3.HashToUInt64(blob[..end]));

    /// <summary>True when the blob's last 8 bytes are the checksum of the bytes before them.</summary>
    public static bool Holds(ReadOnlySpan<byte> blob) =>
        blob.Length >= Length && BinaryPrimitives.ReadUInt64LittleEndian(blob[^Length..]) == XxHash3.HashToUInt64(blob[..^Length]);
}
