using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// Four bars' signal bytes (memory order) from two 4-bit masks, bit k for bar k: where a bar has both, the winner
/// decides (a Donchian breakout's +1 beats its exit's -1; a reversion's sell beats its buy). A table lookup and one
/// 4-byte store instead of a branch per bar.
/// </summary>
internal static class FourSignals
{
    private static readonly uint[] BuyWins = Build(buyWins: true), SellWins = Build(buyWins: false);

    /// <summary>Writes bars i..i+3: +1 where <paramref name="buy"/> has the bar's bit, -1 where <paramref name="sell"/> has it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(Span<sbyte> signals, int i, uint buy, uint sell, bool buyWins)
    {
        uint four = (buyWins ? BuyWins : SellWins)[(int)(buy << 4 | sell)];
        MemoryMarshal.Write(MemoryMarshal.AsBytes(signals.Slice(i, 4)), four);
    }

    private static uint[] Build(bool buyWins)
    {
        var table = new uint[256];
        Span<sbyte> four = stackalloc sbyte[4];
        for (int index = 0; index < 256; index++)
        {
            for (int k = 0; k < 4; k++)
            {
                bool buy = ((index >> 4 >> k) & 1) != 0, sell = ((index >> k) & 1) != 0;
                four[k] = buy && (buyWins || !sell) ? (sbyte)1 : sell ? (sbyte)-1 : (sbyte)0;
            }
            table[index] = MemoryMarshal.Read<uint>(MemoryMarshal.AsBytes(four));
        }
        return table;
    }
}
