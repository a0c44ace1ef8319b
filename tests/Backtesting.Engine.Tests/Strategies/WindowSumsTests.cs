using Backtesting.Engine.Strategies;

namespace Backtesting.Engine.Tests.Strategies;

/// <summary>The exact rolling-sum crossover kernel against a from-scratch 128-bit reference.</summary>
public sealed class WindowSumsTests
{
    private static sbyte[] Reference(long[] prices, int fast, int slow)
    {
        var prefix = new Int128[prices.Length + 1];
        for (int i = 0; i < prices.Length; i++) prefix[i + 1] = prefix[i] + prices[i];
        var signals = new sbyte[prices.Length];
        int last = 0;
        for (int t = Math.Max(fast, slow) - 1; t < prices.Length; t++)
        {
            Int128 sumFast = prefix[t + 1] - prefix[t + 1 - fast];
            Int128 sumSlow = prefix[t + 1] - prefix[t + 1 - slow];
            int sign = (sumFast * slow).CompareTo(sumSlow * fast);
            if (sign == 0) continue;
            if (last != 0 && sign != last) signals[t] = (sbyte)sign;
            last = sign;
        }
        return signals;
    }

    private static long[] RandomWalk(int count, long start, long step, int seed)
    {
        var random = new Random(seed);
        var prices = new long[count];
        long p = start;
        for (int i = 0; i < count; i++)
        {
            p = Math.Max(1, p + random.NextInt64(-step, step + 1));
            prices[i] = p;
        }
        return prices;
    }

    [Theory]
    [InlineData(10, 30, 100_000_000L, 500_000L)]             // 6-decimal prices near 100
    [InlineData(2, 4, 1_000L, 3L)]                           // tiny steps: many exact ties
    [InlineData(30, 10, 50_000L, 400L)]                      // fast longer than slow
    public void Crossovers_RandomWalk_MatchesReference(int fast, int slow, long start, long step)
    {
        long[] prices = RandomWalk(8000, start, step, seed: fast * 7919 + slow);
        var signals = new sbyte[prices.Length];
        WindowSums.Crossovers(prices, fast, slow, signals);

        var expected = Reference(prices, fast, slow);
        Assert.True(expected.Count(s => s != 0) > 3, "the walk should cross a few times");
        for (int t = 0; t < prices.Length; t++)
            Assert.True(expected[t] == signals[t], $"bar {t}: expected {expected[t]}, got {signals[t]}");
    }

    [Fact]
    public void Crossovers_ProductsBeyond64Bits_MatchesReference()
    {
        // 8-decimal prices around 10^7 (scaled ~10^15) swinging +/-50 % with a 2000-bar cycle, windows 50 / 3000:
        // sum_slow x n_fast ~ 3000 x 10^15 x 50 = 1.5 x 10^20 > 2^63, so plain 64-bit products would wrap
        var random = new Random(11);
        long[] prices = Enumerable.Range(0, 12_000)
            .Select(i => (long)(1e15 * (1 + 0.5 * Math.Sin(2 * Math.PI * i / 2000)) + random.NextInt64(0, 1_000_000_000_000L)))
            .ToArray();
        var signals = new sbyte[prices.Length];
        WindowSums.Crossovers(prices, 50, 3000, signals);

        var expected = Reference(prices, 50, 3000);
        Assert.True(expected.Count(s => s != 0) >= 6, "the cycle should cross several times");
        Assert.Equal(expected, signals);
    }

    [Fact]
    public void Crossovers_FewerBarsThanSlowWindow_AllZero()
    {
        var signals = new sbyte[] { 9, 9, 9 };
        WindowSums.Crossovers([3, 1, 2], 2, 5, signals);
        Assert.Equal(new sbyte[3], signals);
    }

    [Fact]
    public void Crossovers_ShortSignalsSpan_Throws()
    {
        Assert.Throws<ArgumentException>(() => WindowSums.Crossovers([1, 2, 3], 1, 2, new sbyte[2]));
    }
}
