using System.Numerics;

namespace Backtesting.Application.Curves;

/// <summary>LEB128 varints (7 bits a byte, low first) and zigzag signs, as the curve blob formats store timestamp deltas.</summary>
internal static class Varint
{
    public const int MaxLength = 10;

    public static ulong ZigZag(long value) => unchecked((ulong)((value << 1) ^ (value >> 63)));

    public static long UnZigZag(ulong value) => unchecked((long)(value >> 1) ^ -(long)(value & 1));

    /// <summary>Bytes <see cref="Write"/> takes for <paramref name="value"/>: one per started 7 bits.</summary>
    public static int Length(ulong value) => (70 - BitOperations.LeadingZeroCount(value | 1)) / 7;

    public static int Write(Span<byte> destination, ulong value)
    {
        int n = 0;
        while (value >= 0x80)
        {
            destination[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[n++] = (byte)value;
        return n;
    }

    /// <summary>The varint at <paramref name="pos"/>, which moves past it; a varint cut off or over 64 bits is corrupt data.</summary>
    public static ulong Read(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if ((uint)pos >= (uint)data.Length)
                throw new InvalidDataException("equity curve blob is truncated or corrupt (a timestamp runs past the end)");
            byte b = data[pos++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("equity curve blob is corrupt (a timestamp is longer than 64 bits)");
    }
}
