using Backtesting.Engine.Data;
using Backtesting.Engine.Rules;
using Backtesting.Engine.Strategies.Kernels;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Rules;

/// <summary>
/// Every function of the language on a short series worked by hand (the working is in the comments):
/// the first defined bar (warm-up) and the values. NaN = undefined.
/// </summary>
public sealed class RuleFunctionTests
{
    // closes 10 11 12 11 13 14 12 (bar 0..6)
    private static readonly BarSeries Bars = TestBars.FromCloses(10, 11, 12, 11, 13, 14, 12);
    private const double N = double.NaN;

    [Fact]
    public void Sma_MeanOfTheLastN() =>
        // (10+11+12)/3, (11+12+11)/3, (12+11+13)/3, (11+13+14)/3, (13+14+12)/3
        AssertSeries([N, N, 11, 34.0 / 3, 12, 38.0 / 3, 13], "sma(close, 3)");

    [Fact]
    public void Ema_SeededWithTheSma_ThenHalfWeightForPeriod3() =>
        // alpha = 2/(3+1) = 0.5; seed 11 at bar 2; 11 + 0.5(11-11) = 11; 11 + 0.5(13-11) = 12; 12 + 0.5(14-12) = 13; 13 + 0.5(12-13) = 12.5
        AssertSeries([N, N, 11, 11, 12, 13, 12.5], "ema(close, 3)");

    [Fact]
    public void Wma_Weights1To3NewestHeaviest() =>
        // (10+2x11+3x12)/6 = 68/6; (11+24+33)/6 = 68/6; (12+22+39)/6 = 73/6; (11+26+42)/6 = 79/6; (13+28+36)/6 = 77/6
        AssertSeries([N, N, 68.0 / 6, 68.0 / 6, 73.0 / 6, 79.0 / 6, 77.0 / 6], "wma(close, 3)");

    [Fact]
    public void Rsi_WilderSmoothingAfterSimpleMeanSeed()
    {
        // changes +1 +1 -1 +2 +1 -2; bar 3: gain 2/3, loss 1/3, RS 2 -> 100 - 100/3
        // bar 4 (+2): gain (2/3x2+2)/3 = 10/9, loss (1/3x2)/3 = 2/9, RS 5 -> 100 - 100/6
        // bar 5 (+1): gain (20/9+1)/3 = 29/27, loss (4/9)/3 = 4/27, RS 7.25 -> 100 - 100/8.25
        // bar 6 (-2): gain (58/27)/3 = 58/81, loss (8/27+2)/3 = 62/81 -> 100 - 100 x 62/120
        AssertSeries([N, N, N, 100 - 100.0 / 3, 100 - 100.0 / 6, 100 - 100 / 8.25, 100 - 100.0 * 62 / 120], "rsi(close, 3)");
    }

    [Fact]
    public void Stdev_Population() =>
        // bar 2: 10 11 12 around 11 -> (1+0+1)/3; bar 3: 11 12 11 around 34/3 -> (1/9+4/9+1/9)/3 = 2/9
        // bar 4: 12 11 13 around 12 -> 2/3; bar 5: 11 13 14 around 38/3 -> (25/9+1/9+16/9)/3 = 42/27; bar 6: 14 12 13 around 13 -> 2/3
        AssertSeries([N, N, Math.Sqrt(2.0 / 3), Math.Sqrt(2.0 / 9), Math.Sqrt(2.0 / 3), Math.Sqrt(42.0 / 27), Math.Sqrt(2.0 / 3)], "stdev(close, 3)");

    [Fact]
    public void BollingerBands_SmaPlusMinusKDeviations()
    {
        AssertSeries([N, N, 11 + 2 * Math.Sqrt(2.0 / 3), 34.0 / 3 + 2 * Math.Sqrt(2.0 / 9), 12 + 2 * Math.Sqrt(2.0 / 3), 38.0 / 3 + 2 * Math.Sqrt(42.0 / 27), 13 + 2 * Math.Sqrt(2.0 / 3)],
            "bb_upper(close, 3, 2)");
        AssertSeries([N, N, 11 - 1.5 * Math.Sqrt(2.0 / 3), 34.0 / 3 - 1.5 * Math.Sqrt(2.0 / 9), 12 - 1.5 * Math.Sqrt(2.0 / 3), 38.0 / 3 - 1.5 * Math.Sqrt(42.0 / 27), 13 - 1.5 * Math.Sqrt(2.0 / 3)],
            "bb_lower(close, 3, 1.5)");
    }

    [Fact]
    public void Macd_FastMinusSlowEma_SignalIsItsEma()
    {
        // ema2 (alpha 2/3): 10.5 at bar 1, 10.5 + 2/3 x 1.5 = 11.5, 11.5 - 2/3 x 0.5 = 11 + 1/6
        // ema3: 11 at bar 2, 11 at bar 3. Line: 0.5 at bar 2, 1/6 at bar 3; signal = ema2 of the line: (0.5 + 1/6)/2 at bar 3
        var line = Evaluate("macd(close, 2, 3)");
        AssertClose([N, N, 0.5, 1.0 / 6], line[..4]);
        var signal = Evaluate("macd_signal(close, 2, 3, 2)");
        AssertClose([N, N, N, (0.5 + 1.0 / 6) / 2], signal[..4]);
    }

    [Fact]
    public void Atr_WilderAfterSimpleMeanOfTrueRanges()
    {
        // true ranges: bar 0 high-low 2; bar 1 max(2, |12-10|, |10-10|) = 2; bar 2 max(3, |14-11|, 0) = 3; bar 3 max(3, |13-13|, |10-13|) = 3
        // atr(3): (2+2+3)/3 = 7/3 at bar 2; (7/3 x 2 + 3)/3 = 23/9 at bar 3
        var bars = TestBars.Ohlc((10, 11, 9, 10), (10, 12, 10, 11), (11, 14, 11, 13), (13, 13, 10, 12));
        AssertClose([N, N, 7.0 / 3, 23.0 / 9], Evaluate("atr(3)", bars));
    }

    [Fact]
    public void HighestLowest_WindowEndsAtTheCurrentBar()
    {
        AssertSeries([N, N, 12, 12, 13, 14, 14], "highest(close, 3)");
        AssertSeries([N, N, 10, 11, 11, 11, 12], "lowest(close, 3)");
    }

    [Fact]
    public void PrevAndRoc_LookKBarsBack()
    {
        AssertSeries([N, N, 10, 11, 12, 11, 13], "prev(close, 2)");
        AssertSeries([10, 11, 12, 11, 13, 14, 12], "prev(close, 0)");
        // 12/10 - 1, 11/11 - 1, 13/12 - 1, 14/11 - 1, 12/13 - 1
        AssertSeries([N, N, 0.2, 0, 13.0 / 12 - 1, 14.0 / 11 - 1, 12.0 / 13 - 1], "roc(close, 2)");
    }

    [Fact]
    public void AbsMinMaxAndArithmetic_Elementwise()
    {
        AssertSeries([2, 1, 0, 1, 1, 2, 0], "abs(close - 12)");
        AssertSeries([10, 11, 12, 11, 12, 12, 12], "min(close, 12)");
        AssertSeries([12, 12, 12, 12, 13, 14, 12], "max(12, close)");
        // precedence: 2 + 3 x close / 2 - -1
        AssertSeries([18, 19.5, 21, 19.5, 22.5, 24, 21], "2 + 3 * close / 2 - -1");
        // a division by zero is undefined, not infinite
        AssertSeries([N, N, N, N, N, N, N], "close / (close - close)");
    }

    [Fact]
    public void Comparisons_WithUndefinedAreFalse_NotOfThemIsTrue()
    {
        // sma(close, 3) is undefined on bars 0 and 1: every comparison there is false, != included
        AssertSeries([0, 0, 1, 1, 1, 1, 1], "sma(close, 3) > 10");
        AssertSeries([0, 0, 0, 1, 1, 1, 1], "sma(close, 3) != 11");
        AssertSeries([1, 1, 0, 0, 0, 0, 0], "not (sma(close, 3) >= 11)");
        AssertSeries([0, 1, 1, 1, 0, 0, 1], "close >= 11 and close <= 12");
        // 'and' binds tighter than 'or'
        AssertSeries([1, 0, 1, 0, 1, 1, 1], "close == 10 or close >= 12 and close != 11");
    }

    [Fact]
    public void Crosses_TieNeitherMakesNorClearsACross()
    {
        // d = close - 12: -2 -1 0 -1 +1 +2 0 -> up at bar 4 (the last non-zero before was -1); the tie at bar 2 changes nothing
        AssertSeries([0, 0, 0, 0, 1, 0, 0], "crosses_above(close, 12)");
        // closes 11 12 12 13: d -1 0 0 +1 -> up at bar 3, after two ties
        AssertSeries([0, 0, 0, 1], "crosses_above(close, 12)", TestBars.FromCloses(11, 12, 12, 13));
        // closes 13 12 13: d +1 0 +1 -> no cross (the side never changed)
        AssertSeries([0, 0, 0], "crosses_above(close, 12)", TestBars.FromCloses(13, 12, 13));
        // closes 13 12 11: down at bar 2
        AssertSeries([0, 0, 1], "crosses_below(close, 12)", TestBars.FromCloses(13, 12, 11));
    }

    [Fact]
    public void Crosses_UndefinedBarsAreSkippedLikeTies()
    {
        // sma(close, 3) - 11.5: undefined, undefined, -0.5, -1/6, +0.5 -> up at bar 4; the first defined bar never crosses
        AssertSeries([0, 0, 0, 0, 1, 0, 0], "crosses_above(sma(close, 3), 11.5)");
        // two exactly compared averages: sma1 (= close) vs sma3 from bar 2: 12 vs 11 (+), 11 vs 34/3 (-), 13 vs 12 (+), 14 vs 38/3 (+), 12 vs 13 (-)
        AssertSeries([0, 0, 0, 0, 1, 0, 0], "crosses_above(sma(close, 1), sma(close, 3))");
        AssertSeries([0, 0, 0, 1, 0, 0, 1], "crosses_below(sma(close, 1), sma(close, 3))");
        // sma2 = 10.5 11.5 11.5 12 13.5 13 from bar 1; sma3 = 11 34/3 12 38/3 13 from bar 2: equal at bars 4 and 6
        AssertSeries([0, 0, 0, 0, 1, 0, 1], "sma(close, 2) == sma(close, 3)");
    }

    [Fact]
    public void ExactSmaComparison_TieOfDecimalPricesIsATie()
    {
        // (0.1 + 0.3 + 0.2) / 3 = 0.2 in decimals, but the float sum is 0.6000000000000001 and its third 0.20000000000000004
        var bars = TestBars.FromCloses(0.1, 0.3, 0.2);
        Assert.NotEqual(0.2, Evaluate("sma(close, 3)", bars)[2]);
        // compared as integer window sums (1 + 3 + 2) x 1 vs 2 x 3: a tie, as in the data
        Assert.Equal([0, 0, 1], Evaluate("sma(close, 3) == sma(close, 1)", bars));
        Assert.Equal([0, 0, 0], Evaluate("sma(close, 3) > sma(close, 1)", bars));
        Assert.Equal([0, 0, 0], Evaluate("sma(close, 1) < sma(close, 3)", bars));
    }

    [Fact]
    public void Indicators_RestartTheirWarmUpAfterAnUndefinedInput()
    {
        // close / (close - 11) is undefined at the bars with close 11 (1 and 3): sma2 needs two defined values in its window
        // bar 0: 10/-1 = -10; bar 2: 12/1 = 12; bar 4: 13/2 = 6.5; bar 5: 14/3; bar 6: 12/1 = 12
        AssertSeries([N, N, N, N, N, (6.5 + 14.0 / 3) / 2, (14.0 / 3 + 12) / 2], "sma(close / (close - 11), 2)");
    }

    [Fact]
    public void RepeatedSubExpressions_AreComputedOnceAndSharedAcrossRuns()
    {
        var cache = new IndicatorSeriesCache();
        var parameters = new Dictionary<string, double> { ["n"] = 3 };
        using var first = new RuleEvaluator(Bars, parameters, cache);
        first.Condition(Parse("sma(close, n) > 11 and sma(close, 3) < 13"));
        using var second = new RuleEvaluator(Bars, parameters, cache);
        var again = second.Condition(Parse("sma(close, 1 + 2) > 0"))[..Bars.Count];
        // the three sma(close, 3) (n substituted, 1 + 2 folded) are one cached array
        var stored = cache.GetOrAdd("rules:sma(close,3)", Bars.Count, () => throw new InvalidOperationException("sma(close, 3) was not shared"));
        Assert.Equal(11, stored[2]);
        Assert.Equal([0, 0, 1, 1, 1, 1, 1], again);
    }

    private static void AssertSeries(double[] expected, string expression, BarSeries? bars = null) =>
        AssertClose(expected, Evaluate(expression, bars));

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i])) Assert.True(double.IsNaN(actual[i]), $"bar {i}: expected undefined, got {actual[i]}");
            else AssertNumber.Absolute(expected[i], actual[i], 1e-12, $"bar {i}");
        }
    }

    private static double[] Evaluate(string expression, BarSeries? bars = null)
    {
        bars ??= Bars;
        using var evaluator = new RuleEvaluator(bars, new Dictionary<string, double>(), new IndicatorSeriesCache());
        // the evaluator's own series are pooled arrays: copy the bars' part before it returns them
        return evaluator.Condition(Parse(expression))[..bars.Count];
    }

    private static RuleExpression Parse(string text)
    {
        var tree = RuleParser.Parse(text, out var error);
        Assert.True(tree is not null, error?.ToString());
        return tree!;
    }
}
