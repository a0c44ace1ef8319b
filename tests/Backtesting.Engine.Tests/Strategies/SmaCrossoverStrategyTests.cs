using Backtesting.Engine.Data;
using Backtesting.Engine.Indicators;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Strategies;

/// <summary>
/// The crossover rule on sma_crossover with exact ties. With fast 2 and slow 4,
/// d(t) = SMA2 - SMA4 = (c[t] + c[t-1] - c[t-2] - c[t-3]) / 4, defined from bar 3.
/// Prices 1.0, 0.3, 0.6, 0.4, 0.5: d(3) = 0.4 + 0.6 - 0.3 - 1.0 = -0.3 &lt; 0 and at bar 4
/// 0.5 + 0.4 = 0.6 + 0.3 exactly, so d(4) = 0; but in double arithmetic SMA2 &gt; SMA4 at bar 4,
/// so a float comparison would report a cross up one bar early.
/// </summary>
public sealed class SmaCrossoverStrategyTests
{
    private static sbyte[] Signals(params double[] closes)
    {
        var config = EngineRun.Config("sma_crossover", new Dictionary<string, object?> { ["fast_period"] = 2, ["slow_period"] = 4 });
        var bars = TestBars.FromCloses(closes);
        var signals = new sbyte[bars.Count];
        config.CreateStrategy().GenerateSignals(bars, signals);
        return signals;
    }

    [Fact]
    public void TiePrices_InDoubleArithmetic_LookLikeFastAboveSlow()
    {
        // the precondition that makes the next tests meaningful: float SMAs see d(4) > 0, not a tie
        double fast = (0.4 + 0.5) / 2;
        double slow = (0.3 + 0.6 + 0.4 + 0.5) / 4;
        Assert.True(fast > slow, $"{fast:R} vs {slow:R}");
        var sma2 = new SimpleMovingAverage(2);
        var sma4 = new SimpleMovingAverage(4);
        foreach (double c in new[] { 1.0, 0.3, 0.6, 0.4, 0.5 })
        {
            sma2.Update(c);
            sma4.Update(c);
        }
        Assert.True(sma2.Value > sma4.Value, $"{sma2.Value:R} vs {sma4.Value:R}");
    }

    [Fact]
    public void GenerateSignals_NegativeZeroPositive_CrossesUpOnlyAtThePositiveBar()
    {
        // d(5) = 0.9 + 0.5 - 0.4 - 0.6 = 0.4 > 0; the last non-zero d before it is d(3) < 0
        Assert.Equal(new sbyte[] { 0, 0, 0, 0, 0, 1 }, Signals(1.0, 0.3, 0.6, 0.4, 0.5, 0.9));
    }

    [Fact]
    public void GenerateSignals_NegativeZeroNegative_GivesNoSignal()
    {
        // d(5) = 0.1 + 0.5 - 0.4 - 0.6 = -0.4 < 0: the tie at bar 4 neither makes nor clears a cross
        Assert.Equal(new sbyte[6], Signals(1.0, 0.3, 0.6, 0.4, 0.5, 0.1));
    }

    [Fact]
    public void GenerateSignals_PositiveZeroNegative_CrossesDownOnlyAtTheNegativeBar()
    {
        // mirror: c0 = 0.1 makes d(3) = 0.4 + 0.6 - 0.3 - 0.1 = 0.6 > 0; d(4) = 0; d(5) = 0.1 + 0.5 - 0.4 - 0.6 = -0.4 < 0
        Assert.Equal(new sbyte[] { 0, 0, 0, 0, 0, -1 }, Signals(0.1, 0.3, 0.6, 0.4, 0.5, 0.1));
    }

    [Fact]
    public void GenerateSignals_NegativeThenTwoTiesThenPositive_CrossesUpAfterTheTies()
    {
        // c5 = 0.5 gives d(5) = 0.5 + 0.5 - 0.4 - 0.6 = 0 (a second tie);
        // c6 = 0.9 gives d(6) = 0.9 + 0.5 - 0.5 - 0.4 = 0.5 > 0, and the last non-zero d before it is d(3) < 0
        Assert.Equal(new sbyte[] { 0, 0, 0, 0, 0, 0, 1 }, Signals(1.0, 0.3, 0.6, 0.4, 0.5, 0.5, 0.9));
    }

    [Fact]
    public void GenerateSignals_TieBeforeAnyNonZeroDifference_IsNotACross()
    {
        // d(3) = 0.2 + 0.3 - 0.4 - 0.1 = 0 is the first defined value; d(4) = 0.6 + 0.2 - 0.3 - 0.4 = 0.1 > 0
        // has no earlier negative d, so no cross at all
        Assert.Equal(new sbyte[5], Signals(0.1, 0.4, 0.3, 0.2, 0.6));
    }

    [Fact]
    public void GenerateSignals_BeforeSlowWindowIsFull_EmitsNothing()
    {
        // falling then rising, but only 3 bars: SMA4 never defined
        Assert.Equal(new sbyte[3], Signals(3, 2, 4));
    }

    [Fact]
    public void GenerateSignals_PlainCrosses_AlternateUpAndDown()
    {
        // fast 2 / slow 4 on 10, 9, 8, 7, 9, 12, 11, 8, 6:
        // d(3) = 7 + 8 - 9 - 10 = -4; d(4) = 9 + 7 - 8 - 9 = -1; d(5) = 12 + 9 - 7 - 8 = 6 -> up at 5
        // d(6) = 11 + 12 - 9 - 7 = 7; d(7) = 8 + 11 - 12 - 9 = -2 -> down at 7; d(8) = 6 + 8 - 11 - 12 = -9
        Assert.Equal(new sbyte[] { 0, 0, 0, 0, 0, 1, 0, -1, 0 }, Signals(10, 9, 8, 7, 9, 12, 11, 8, 6));
    }

    [Fact]
    public void GenerateSignals_TieWithSixDecimalPrices_IsExact()
    {
        // prices like the gbm files: 100.000001 etc. fast 2, slow 4; c1 + c2 = c3 + c4 exactly at bar 4
        // c = 100.5, 100.000001, 100.000003, 100.000002, 100.000002, 100.1
        // d(3) = c3 + c2 - c1 - c0 = 200.000005 - 200.500001 < 0; d(4) = 200.000004 - 200.000004 = 0; d(5) > 0
        var closes = new[] { 100.5, 100.000001, 100.000003, 100.000002, 100.000002, 100.1 };
        var bars = TestBars.FromCloses(closes);
        Assert.Equal(6, bars.PriceDecimals);
        Assert.Equal(new sbyte[] { 0, 0, 0, 0, 0, 1 }, Signals(closes));
    }

    [Theory]
    [InlineData(10, 20)]
    [InlineData(5, 10)]
    [InlineData(2, 4)]
    [InlineData(20, 50)]
    public void WindowSums_Crossovers_MatchesBruteForceIntegerComparisonOnGoog(int fast, int slow)
    {
        // independent check over a real series: each bar's windows summed from scratch in integer cents
        BarSeries goog = TestDataFiles.Goog;
        long[] cents = goog.Close.Select(c => (long)Math.Round(c * 100)).ToArray();
        var signals = new sbyte[cents.Length];
        WindowSums.Crossovers(cents, fast, slow, signals);

        int last = 0, crosses = 0;
        for (int t = 0; t < cents.Length; t++)
        {
            sbyte expected = 0;
            if (t >= slow - 1)
            {
                long sumFast = 0, sumSlow = 0;
                for (int k = t - fast + 1; k <= t; k++) sumFast += cents[k];
                for (int k = t - slow + 1; k <= t; k++) sumSlow += cents[k];
                int sign = (sumFast * slow).CompareTo(sumSlow * fast);
                if (sign != 0)
                {
                    if (last != 0 && sign != last) expected = (sbyte)sign;
                    last = sign;
                }
            }
            if (expected != 0) crosses++;
            Assert.True(expected == signals[t], $"bar {t}: expected {expected}, got {signals[t]}");
        }
        Assert.True(crosses > 20, $"only {crosses} crosses: the comparison did not exercise the series");
    }

    [Fact]
    public void GenerateSignals_GoogSma2x4_HandlesTheExactTieInTheData()
    {
        // GOOG has exactly one bar where SMA2 = SMA4 in cents (found by an exact integer scan);
        // the strategy must give no signal there and agree with the integer rule around it
        BarSeries goog = TestDataFiles.Goog;
        long[] cents = goog.Close.Select(c => (long)Math.Round(c * 100)).ToArray();
        var tieBars = Enumerable.Range(3, cents.Length - 3)
            .Where(t => cents[t] + cents[t - 1] == cents[t - 2] + cents[t - 3]).ToArray();
        int tie = Assert.Single(tieBars);

        var config = EngineRun.Config("sma_crossover", new Dictionary<string, object?> { ["fast_period"] = 2, ["slow_period"] = 4 });
        var signals = new sbyte[goog.Count];
        config.CreateStrategy().GenerateSignals(goog, signals);
        Assert.Equal(0, signals[tie]);
    }
}
