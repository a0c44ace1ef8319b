using System.Numerics;
using Backtesting.Engine.Data;
using Backtesting.Engine.Rules;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Rules;

/// <summary>
/// Every path of the exact SMA comparison (prefix sums in doubles, 64-bit and 128-bit window sums) against
/// arbitrary-precision window sums of the same integer-scaled prices.
/// </summary>
public sealed class ExactSmaComparisonTests
{
    [Theory]
    // small prices: prefix sums stay below 2^53 (the double path)
    [InlineData(100.0, 2, 1, 2)]
    // ~9e7 with 8 decimals: scaled ~9e15, prefix sums pass 2^53 (the 64-bit path)
    [InlineData(90_000_000.0, 8, 1, 2)]
    // the same with windows long enough that sum x period passes 4e18 (the 128-bit path)
    [InlineData(90_000_000.0, 8, 20, 30)]
    public void Signs_MatchArbitraryPrecisionWindowSums(double level, int decimals, int a, int b)
    {
        var random = new Random(7);
        double unit = Math.Pow(10, -decimals);
        // prices on the decimal grid with ties: steps of -2..2 units
        var closes = new double[300];
        double price = level;
        for (int i = 0; i < closes.Length; i++)
        {
            price += random.Next(-2, 3) * unit * (i % 5 == 0 ? 1 : 3);
            closes[i] = Math.Round(price, decimals);
        }
        var bars = TestBars.FromCloses(closes);
        var scaled = PriceScale.ToScaled(closes, bars.PriceDecimals);
        var signs = new double[closes.Length];
        ExactSmaComparison.Signs(bars, "close", a, b, signs);

        int ties = 0;
        for (int i = 0; i < closes.Length; i++)
        {
            if (i < Math.Max(a, b) - 1)
            {
                Assert.True(double.IsNaN(signs[i]), $"bar {i} should be undefined");
                continue;
            }
            BigInteger sumA = 0, sumB = 0;
            for (int k = 0; k < a; k++) sumA += scaled[i - k];
            for (int k = 0; k < b; k++) sumB += scaled[i - k];
            int expected = (sumA * b).CompareTo(sumB * a);
            if (expected == 0) ties++;
            Assert.True(expected == signs[i], $"bar {i}: expected {expected}, got {signs[i]}");
        }
        // sma1 = sma2 wherever the close did not move: the data holds such ties
        if (a == 1) Assert.True(ties > 0, "the data should hold ties");
    }
}
