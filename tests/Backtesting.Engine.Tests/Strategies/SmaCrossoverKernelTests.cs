using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Strategies.SmaCrossover;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Strategies;

/// <summary>
/// The sma kernel's paths (a first call's block-local prefix sums or, past 2^53, running integer sums; later calls'
/// whole-series prefix sums) against <see cref="WindowSums.Crossovers"/> over the whole scaled series, and the running
/// integer sums in ranges against one pass.
/// </summary>
public sealed class SmaCrossoverKernelTests
{
    private static sbyte[] OnePass(BarSeries bars, int fast, int slow)
    {
        var expected = new sbyte[bars.Count];
        WindowSums.Crossovers(PriceScale.ToScaled(bars.Close, bars.PriceDecimals), fast, slow, expected);
        return expected;
    }

    [Theory]
    [InlineData(10, 30)]      // windows inside one 1,024-bar block
    [InlineData(5, 1500)]     // the slow window spans two blocks
    [InlineData(3000, 200)]   // fast longer than slow, three blocks of history
    [InlineData(1, 9999)]     // a window of nearly the whole series: 10^8 x 9999^2 > 2^53, the integer sums
    public void Generate_FirstAndLaterCalls_MatchOnePassOverTheScaledSeries(int fast, int slow)
    {
        var bars = TestDataFiles.Gbm10000;
        var expected = OnePass(bars, fast, slow);
        using var kernel = new SmaCrossoverKernel(bars);
        var first = new sbyte[bars.Count];
        var second = new sbyte[bars.Count];

        kernel.Generate(fast, slow, first);
        kernel.Generate(fast, slow, second);

        Assert.True(fast + slow > 9000 || expected.Count(s => s != 0) >= 2, "the series should cross a few times");
        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-3.0)]
    public void Generate_CloseNotANonNegativeNumber_FallsBackToTheIntegerSums(double odd)
    {
        // one odd close in the third block: the first call's double prefix sums give up and the integer sums (which scale
        // NaN to 0 and keep the negative price) decide, as the one pass over the scaled series does
        // (validated data has only finite prices > 0; a series built unvalidated may hold anything)
        var source = TestDataFiles.Gbm10000;
        double[] closes = [.. source.Close];
        closes[2500] = odd;
        var bars = new BarSeries(source.Timestamps, source.Open, source.High, source.Low, closes, source.Volume, source.PriceDecimals);
        var expected = OnePass(bars, 10, 30);
        var signals = new sbyte[bars.Count];

        new SmaCrossoverKernel(bars).Generate(10, 30, signals);

        Assert.True(expected.Count(s => s != 0) >= 2, "the series should cross a few times");
        Assert.Equal(expected, signals);
    }

    [Fact]
    public void Generate_SeriesShorterThanTheSlowWindow_AllZero()
    {
        var bars = TestBars.FromCloses(3, 1, 2);
        var signals = new sbyte[] { 9, 9, 9 };

        new SmaCrossoverKernel(bars).Generate(2, 5, signals);

        Assert.Equal(new sbyte[3], signals);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4000)]
    public void RunningCrossovers_ConsecutiveRanges_MatchOnePass(int range)
    {
        // 8-decimal prices near 10^7 (scaled ~10^15) with windows 50 / 3000: the products need 128 bits (the wide loop)
        var random = new Random(5);
        long[] prices = Enumerable.Range(0, 12_000)
            .Select(i => (long)(1e15 * (1 + 0.5 * Math.Sin(2 * Math.PI * i / 2000)) + random.NextInt64(0, 1_000_000_000_000L)))
            .ToArray();
        var expected = new sbyte[prices.Length];
        WindowSums.Crossovers(prices, 50, 3000, expected);
        var scan = new RunningCrossovers(50, 3000);
        var signals = new sbyte[prices.Length];

        for (int from = 0; from < prices.Length; from += range)
        {
            int to = Math.Min(prices.Length, from + range);
            int first = Math.Max(0, from - scan.History); // only the history the contract promises
            scan.Advance(prices.AsSpan(first, to - first), first, from, to, signals);
        }

        Assert.True(expected.Count(s => s != 0) >= 6, "the cycle should cross several times");
        Assert.Equal(expected, signals);
    }
}
