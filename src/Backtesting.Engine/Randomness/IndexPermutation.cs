namespace Backtesting.Engine.Randomness;

/// <summary>
/// A seeded bijection of [0, count): a four-round Feistel network over the smallest even number of
/// bits that covers count, with cycle walking to stay inside the range. Draw i of a random search is
/// <c>Permute(i, count, seed)</c>: no repeats, and any draw is computed alone, without the ones before it.
/// </summary>
public static class IndexPermutation
{
    private const int Rounds = 4;

    /// <summary>The image of <paramref name="index"/> under the permutation keyed by <paramref name="seed"/>.</summary>
    public static long Permute(long index, long count, ulong seed)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "must be > 0");
        if (index < 0 || index >= count) throw new ArgumentOutOfRangeException(nameof(index), index, $"must be in [0, {count})");
        if (count == 1) return 0;
        int bits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(count - 1));
        int half = (bits + 1) / 2;
        ulong mask = (1UL << half) - 1;
        ulong x = (ulong)index;
        // the domain is at most 4x count, so the walk takes about 4 steps at worst on average
        do
        {
            ulong left = x >> half, right = x & mask;
            for (int round = 0; round < Rounds; round++)
            {
                ulong f = SplitMix64.Mix(right ^ SplitMix64.DeriveSeed(seed, round)) & mask;
                (left, right) = (right, left ^ f);
            }
            x = (left << half) | right;
        }
        while (x >= (ulong)count);
        return (long)x;
    }
}
