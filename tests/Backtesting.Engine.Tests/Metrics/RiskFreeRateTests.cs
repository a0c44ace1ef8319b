using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Metrics;

/// <summary>
/// Sharpe and Sortino on excess returns r(t) - rf/A (DESIGN section 5) on curves long enough for the
/// vectorised kernel of <see cref="ReturnStatistics"/>, with lengths covering every remainder modulo the
/// vector width (2, 4 or 8 doubles), against the plain-loop formula of <see cref="ExcessReturnRatios"/>.
/// </summary>
public sealed class RiskFreeRateTests
{
    private const double Initial = 10_000;

    /// <summary>A seeded random walk of equity: daily returns 0.04 % +/- 1.2 %, so there are losing bars for Sortino.</summary>
    private static double[] Curve(int length, int seed)
    {
        var random = new Random(seed);
        var equity = new double[length];
        double e = Initial;
        for (int t = 0; t < length; t++)
        {
            e *= 1 + 0.0004 + 0.012 * (2 * random.NextDouble() - 1);
            equity[t] = e;
        }
        return equity;
    }

    private static PerformanceMetrics Compute(double[] equity, double riskFreeRate, double periodsPerYear) =>
        MetricsCalculator.Compute(new MetricsCalculator.Inputs(Initial, equity, [], null, 0, 0, 1, 1, periodsPerYear, riskFreeRate));

    public static TheoryData<int, double, double> LongCurves()
    {
        var data = new TheoryData<int, double, double>();
        // 1000..1008: n - 1 returns after the first leave every remainder modulo 8 (and so modulo 4 and 2)
        for (int length = 1000; length <= 1008; length++) data.Add(length, 0.03, 252);
        data.Add(4099, 0.05, 252);
        data.Add(1500, -0.02, 52);
        data.Add(2501, 1, 252 * 390);
        data.Add(1001, 0, 252);
        return data;
    }

    [Theory]
    [MemberData(nameof(LongCurves))]
    public void Compute_LongCurveWithRiskFreeRate_SharpeAndSortinoMatchThePlainLoop(int length, double riskFreeRate, double periodsPerYear)
    {
        var equity = Curve(length, seed: length);

        var m = Compute(equity, riskFreeRate, periodsPerYear);

        AssertNumber.Relative(ExcessReturnRatios.Sharpe(equity, Initial, riskFreeRate, periodsPerYear), m.SharpeRatio, 1e-10, "sharpe_ratio");
        AssertNumber.Relative(ExcessReturnRatios.Sortino(equity, Initial, riskFreeRate, periodsPerYear), m.SortinoRatio, 1e-10, "sortino_ratio");
        Assert.Equal(riskFreeRate, m.RiskFreeRate);
    }

    [Theory]
    [InlineData(1000, 0.03)]
    [InlineData(1003, 0.03)]
    [InlineData(1005, -0.04)]
    [InlineData(1007, 0.5)]
    public void ReturnStatistics_RiskFreeRate_ShiftsTheMeanByExactlyRfOverA_AndLeavesTheStdAlone(int length, double riskFreeRate)
    {
        // Mean of (r - c) is mean(r) - c over ALL n returns. A kernel whose vectorised sum ignored the rate
        // would subtract c only from the first return and the scalar tail (at most 8 of ~1000), so its mean
        // would be off by about c = 0.03 / 252 = 1.2e-4, eight orders of magnitude beyond the tolerance here.
        var equity = Curve(length, seed: 7 * length);
        double perBar = riskFreeRate / 252;

        var without = ReturnStatistics.Compute(equity, Initial);
        var with = ReturnStatistics.Compute(equity, Initial, perBar);

        AssertNumber.Absolute(without.Mean - perBar, with.Mean, 1e-15, "mean of excess returns");
        AssertNumber.Relative(without.StdDev, with.StdDev, 1e-12, "std is shift-invariant");
        var hand = ExcessReturnRatios.Statistics(equity, Initial, riskFreeRate, 252);
        AssertNumber.Relative(hand.Mean, with.Mean, 1e-12, "mean against the plain loop");
        AssertNumber.Relative(hand.DownsideDeviation, with.DownsideDeviation, 1e-12, "downside deviation against the plain loop");
        AssertNumber.Relative(hand.StdDev, with.StdDev, 1e-12, "std against the plain loop");
    }

    [Fact]
    public void BacktestEngineRun_GoogSma10x20At3Percent_SharpeAndSortinoOfTheExcessReturns()
    {
        var parameters = new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 };

        var plain = EngineRun.Validated(TestDataFiles.Goog, "sma_crossover", parameters, Initial);
        var result = EngineRun.Validated(TestDataFiles.Goog, "sma_crossover", parameters, Initial, new BacktestOptions(RiskFreeRate: 0.03));

        // the rate changes the ratios only: the simulation and the reference figures stay as they are
        Assert.Equal(2148, result.Equity.Length);
        Assert.Equal(plain.Equity, result.Equity);
        AssertNumber.MatchesPrinted("63341.19136", result.Metrics.FinalCapital, "final_capital");
        AssertNumber.MatchesPrinted("1.08115269", plain.Metrics.SharpeRatio, "sharpe_ratio at rf 0");
        AssertNumber.Relative(ExcessReturnRatios.Sharpe(result.Equity, Initial, 0.03, 252), result.Metrics.SharpeRatio, 1e-10, "sharpe_ratio");
        AssertNumber.Relative(ExcessReturnRatios.Sortino(result.Equity, Initial, 0.03, 252), result.Metrics.SortinoRatio, 1e-10, "sortino_ratio");
        Assert.True(result.Metrics.SharpeRatio < plain.Metrics.SharpeRatio - 0.05, $"{result.Metrics.SharpeRatio} vs {plain.Metrics.SharpeRatio}");
        Assert.Equal(0.03, result.Metrics.RiskFreeRate);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(0.05)]
    [InlineData(1)]
    public void Check_RateInMinusOneToOne_IsAllowed(double rate) => Assert.Null(RiskFreeRate.Check(rate));

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(2, "2")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1.0000001, "1.0000001")]
    public void Check_RateOutsideTheRangeOrNotFinite_NamesTheFieldAndTheRange(double rate, string shown)
    {
        var error = RiskFreeRate.Check(rate);

        Assert.NotNull(error);
        Assert.Equal("risk_free_rate", error.Field);
        Assert.Equal(shown, error.Value);
        Assert.Contains("[-1, 1]", error.Message);
    }
}
