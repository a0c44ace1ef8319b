using Backtesting.Engine.Strategies;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Tests.Strategies;

/// <summary>The crossover rule from sign masks (<see cref="CrossoverScan.MarkMasks"/>) against the contract's tracker.</summary>
public sealed class CrossoverScanTests
{
    [Fact]
    public void MarkMasks_RandomSigns_EqualsTheTrackerBarByBar()
    {
        // 64-bar chunks of random signs (zeros included) with the last side carried between them, against the
        // contract's tracker fed one sign per bar
        var random = new Random(3);
        int[] signs = [.. Enumerable.Range(0, 64 * 40).Select(i => i % 640 < 64 ? 0 : random.Next(-1, 2))];
        var tracker = new CrossoverTracker();
        sbyte[] expected = [.. signs.Select(tracker.Next)];
        var signals = new sbyte[signs.Length];
        int last = 0;

        for (int chunk = 0; chunk < signs.Length; chunk += 64)
        {
            ulong positive = 0, negative = 0;
            for (int k = 0; k < 64; k++)
            {
                if (signs[chunk + k] > 0) positive |= 1UL << k;
                if (signs[chunk + k] < 0) negative |= 1UL << k;
            }
            CrossoverScan.MarkMasks(positive, negative, ref last, signals, chunk);
        }

        Assert.True(expected.Count(s => s != 0) > 500, "random signs should cross often");
        Assert.Equal(expected, signals);
        Assert.Equal(signs.Last(s => s != 0), last);
    }
}
