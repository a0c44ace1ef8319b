using Backtesting.Engine.Metrics;
using Backtesting.Engine.Randomness;

namespace Backtesting.Engine.Tests.Research;

/// <summary>The vectorised drawdown pass equals the plain per-bar definition on curves with ties, flat stretches and new peaks.</summary>
public sealed class DrawdownFastPathTests
{
    private static DrawdownStatistics Reference(double[] equity, double initial)
    {
        double peak = initial, trough = initial, maxDrawdown = 0;
        int peakBar = -1, longest = 0;
        for (int i = 0; i < equity.Length; i++)
        {
            double e = equity[i];
            if (e >= peak)
            {
                if (trough < peak)
                {
                    maxDrawdown = Math.Max(maxDrawdown, 1 - trough / peak);
                    longest = Math.Max(longest, i - peakBar);
                }
                peak = trough = e;
                peakBar = i;
            }
            else if (e < trough) trough = e;
        }
        if (trough < peak)
        {
            maxDrawdown = Math.Max(maxDrawdown, 1 - trough / peak);
            longest = Math.Max(longest, equity.Length - 1 - peakBar);
        }
        return new DrawdownStatistics(maxDrawdown, longest);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 3)]
    [InlineData(3, 7)]
    [InlineData(4, 1000)]
    [InlineData(5, 4097)]
    [InlineData(6, 100_003)]
    public void Compute_RandomCurves_EqualsThePerBarDefinition(ulong seed, int length)
    {
        var random = new Xoshiro256StarStar(seed);
        for (int trial = 0; trial < 20; trial++)
        {
            var equity = new double[length];
            double e = 1000;
            for (int i = 0; i < length; i++)
            {
                // flat stretches (out of the market), exact repeats of the peak, and moves of either sign
                int kind = random.NextInt(10);
                if (kind >= 4) e += random.NextNormal() * (trial % 3 == 0 ? 5 : 1) + (trial % 4 == 0 ? 0.3 : 0);
                equity[i] = Math.Round(e, trial % 2 == 0 ? 2 : 8);
            }

            Assert.Equal(Reference(equity, 1000), DrawdownStatistics.Compute(equity, 1000));
            Assert.Equal(Reference(equity, 900), DrawdownStatistics.Compute(equity, 900));
        }
    }
}
