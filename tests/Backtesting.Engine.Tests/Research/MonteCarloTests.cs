using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.MonteCarlo;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Research;

public sealed class MonteCarloTests
{
    private static MonteCarloRequest Request(MonteCarloMethod method, int paths = 500, long seed = 42) => new()
    {
        StrategyId = "sma_crossover",
        Parameters = new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 },
        InitialCapital = 10_000,
        Method = method,
        Paths = paths,
        Seed = seed,
    };

    private static PerformanceMetrics Baseline => EngineRun.Validated(TestDataFiles.Goog, "sma_crossover",
        new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 }, 10_000).Metrics;

    [Fact]
    public void Reshuffle_EveryPath_KeepsFinalCapitalTradeCountAndWinRate()
    {
        var request = Request(MonteCarloMethod.TradeReshuffle) with { Metrics = ["total_trades", "win_rate", "profit_factor"] };
        var baseline = EngineRun.Validated(TestDataFiles.Goog, "sma_crossover", request.Parameters, 10_000);
        var closed = baseline.Trades.Where(t => !t.IsOpen).ToArray();

        var batch = MonteCarloSimulator.SimulatePaths(TestDataFiles.Goog, request, 0, request.Paths);
        var result = MonteCarloSimulator.Merge(request, [batch]);

        // the open trade (no realised pnl) is left out, as the baseline's trade statistics leave it out
        Assert.Equal(46, closed.Length);
        Assert.Equal(1, baseline.Trades.Count(t => t.IsOpen));
        Assert.Equal(46, batch.TradeCount);
        Assert.All(batch.Paths, p =>
        {
            // DESIGN section 6: 46 trades, win rate 0.6086956522 (28 / 46); a return keeps its sign in any order
            Assert.Equal(46, p.Metrics[0]);
            Assert.Equal(28.0 / 46, p.Metrics[1]);
            // compounded returns: a product in any order, so every path ends at initial capital + closed pnl
            AssertNumber.Relative(10_000 + closed.Sum(t => t.Pnl), p.FinalCapital, 1e-12, "final capital");
        });
        foreach (string metric in new[] { "total_trades", "win_rate", "final_capital" })
            Assert.Equal(0, result.Distribution(metric)!.StdDev, 6);
        // dollar sizes follow the equity a trade meets on its path, so the profit factor varies, as do drawdowns
        Assert.True(result.Distribution("profit_factor")!.StdDev > 0);
        Assert.True(batch.Paths.Select(p => p.MaxDrawdown).Distinct().Count() > 10);
    }

    [Fact]
    public void Reshuffle_UnleveredLongOnlyTrades_DrawdownStaysWithin100Percent()
    {
        // capital 1,000: a +9,000 trade (return 9,000 / 1,000 = +900 %) then a -5,000 trade (-5,000 / 10,000 = -50 %).
        // Dollar pnl in the other order would go 1,000 -> -4,000 (a 500 % drawdown); returns go 1,000 -> 500 -> 5,000:
        // both orders end at 1,000 x 10 x 0.5 = 5,000, and the worst drawdown is the -50 % trade's 50 %
        var request = Request(MonteCarloMethod.TradeReshuffle, paths: 100) with { InitialCapital = 1_000, BandPoints = 10 };
        double[] pnls = [9_000, -5_000];

        var batch = MonteCarloSimulator.SimulateTradePaths(pnls, Baseline, request, 0, 100);

        var orders = batch.Paths.GroupBy(p => p.Band[1]).ToDictionary(g => Math.Round(g.Key, 6), g => g.ToArray());
        Assert.Equal([500.0, 10_000.0], orders.Keys.OrderBy(x => x));
        Assert.All(batch.Paths, p =>
        {
            Assert.Equal(5_000, p.FinalCapital, 9);
            Assert.Equal(0.5, p.MaxDrawdown, 12);
        });
    }

    [Fact]
    public void Reshuffle_TradeAfterCapitalWipedOut_IsRefused()
    {
        // 10,000 - 10,000 = 0 before the second trade: its return on nothing is undefined
        var request = Request(MonteCarloMethod.TradeReshuffle, paths: 10);

        var ex = Assert.Throws<Backtesting.Engine.Validation.ValidationException>(() =>
            MonteCarloSimulator.SimulateTradePaths([-10_000, 50], Baseline, request, 0, 10));
        Assert.Contains("the equity before closed trade 2 is 0", ex.Message);
    }

    [Fact]
    public void TradeMethods_BaselineDrawdown_IsTheOriginalOrderTradeByTrade()
    {
        var request = Request(MonteCarloMethod.TradeReshuffle, paths: 50) with { Metrics = ["expectancy", "max_drawdown_duration"] };
        var baseline = EngineRun.Validated(TestDataFiles.Goog, "sma_crossover", request.Parameters, 10_000);

        var result = MonteCarloSimulator.Run(TestDataFiles.Goog, request);

        // independent: equity after each closed trade in the original order, drawdown below the running peak
        double equity = 10_000, peak = 10_000, drawdown = 0;
        foreach (var trade in baseline.Trades.Where(t => !t.IsOpen))
        {
            equity += trade.Pnl;
            peak = Math.Max(peak, equity);
            drawdown = Math.Max(drawdown, 1 - equity / peak);
        }
        Assert.Equal(MonteCarloMethods.TradeDrawdowns, result.DrawdownBasis);
        AssertNumber.Relative(drawdown, result.BaselineValue("max_drawdown")!.Value, 1e-12, "trade-by-trade drawdown of the original order");
        // not the bar-by-bar 0.2002 of the backtest, which is still reported as Baseline
        AssertNumber.Relative(0.2001734114, result.Baseline.MaxDrawdown, 1e-9, "bar drawdown");
        Assert.True(drawdown < 0.19, $"trade-by-trade drawdown {drawdown}");
        AssertNumber.Relative(equity, result.BaselineValue("final_capital")!.Value, 1e-12, "closed-trade final capital");
        AssertNumber.Relative(985.70958261, result.BaselineValue("expectancy")!.Value, 1e-10, "expectancy");
    }

    [Fact]
    public void PriceMethods_BaselineDrawdown_IsBarByBar()
    {
        var request = Request(MonteCarloMethod.BlockBootstrap, paths: 5);

        var result = MonteCarloSimulator.Run(TestDataFiles.Goog, request);

        Assert.Equal(MonteCarloMethods.BarDrawdowns, result.DrawdownBasis);
        Assert.Null(result.OriginalOrder);
        AssertNumber.Relative(0.2001734114, result.BaselineValue("max_drawdown")!.Value, 1e-9, "DESIGN section 6 bar drawdown");
        AssertNumber.Relative(63341.19136, result.BaselineValue("final_capital")!.Value, 1e-10, "DESIGN section 6 final capital");
    }

    [Fact]
    public void Reshuffle_ThreeTrades_HandChecked()
    {
        var request = Request(MonteCarloMethod.TradeReshuffle, paths: 200) with { BandPoints = 10, DrawdownThreshold = 0.00499 };
        double[] pnls = [100, -50, 30];

        var result = MonteCarloSimulator.Merge(request, [MonteCarloSimulator.SimulateTradePaths(pnls, Baseline, request, 0, 200)]);
        var batch = MonteCarloSimulator.SimulateTradePaths(pnls, Baseline, request, 0, 200);

        // returns on the entry equity of the original order: 100 / 10,000, -50 / 10,100, 30 / 10,050
        double[] returns = [100 / 10_000.0, -50 / 10_100.0, 30 / 10_050.0];
        // original order: 10,100 then 10,050 (50 below the 10,100 peak) then 10,080
        Assert.Equal(50 / 10_100.0, result.BaselineValue("max_drawdown")!.Value, 12);
        Assert.Equal(10_080, result.BaselineValue("final_capital")!.Value, 9);
        Assert.Equal([0, 1, 2, 3], result.Bands.Steps);
        Assert.All(batch.Paths, p =>
        {
            Assert.Equal(10_000, p.Band[0]);
            // 10,000 x 1.01 x (10,050 / 10,100) x (10,080 / 10,050) = 10,080 in every order
            Assert.Equal(10_080, p.Band[3], 9);
            var steps = new[] { p.Band[1] / p.Band[0] - 1, p.Band[2] / p.Band[1] - 1, p.Band[3] / p.Band[2] - 1 };
            Assert.Equal(returns.OrderBy(x => x).Select(x => Math.Round(x, 12)), steps.OrderBy(x => x).Select(x => Math.Round(x, 12)));
            // the one losing return comes after the running peak wherever it lands: the drawdown is always its 50 / 10,100
            Assert.Equal(50 / 10_100.0, p.MaxDrawdown, 12);
        });
        // all 6 orders are drawn in 200 paths
        Assert.Equal(6, batch.Paths.Select(p => (Math.Round(p.Band[1], 6), Math.Round(p.Band[2], 6))).Distinct().Count());
        Assert.Equal(0, result.ProbabilityOfLoss);
        Assert.Equal(10_080, result.Distribution("final_capital")!.Percentiles[2], 9);
        // 50 / 10,100 = 0.495 % is beyond the 0.499 % threshold on no path
        Assert.Equal(0, result.ProbabilityOfDrawdownBeyondThreshold);
    }

    [Fact]
    public void Bootstrap_ManyPaths_ConvergesToTheTradeReturnDistribution()
    {
        // from 10,000, the i-th pnl on the original running equity makes a return r_i; a bootstrap path compounds 40 draws,
        // so log(final / 10,000) is a sum of 40 independent draws of log(1 + r): mean 40 m, sd sqrt(40) s
        double[] pnls = Enumerable.Range(0, 40).Select(i => Math.Sin(i * 1.7) * 300 + 20).ToArray();
        var logs = new double[pnls.Length];
        double equity = 10_000;
        for (int i = 0; i < pnls.Length; i++)
        {
            logs[i] = Math.Log(1 + pnls[i] / equity);
            equity += pnls[i];
        }
        double m = logs.Average();
        double s = Math.Sqrt(logs.Sum(x => (x - m) * (x - m)) / logs.Length);
        var request = Request(MonteCarloMethod.TradeBootstrap, paths: 20_000) with { Metrics = ["win_rate"] };

        var batch = MonteCarloSimulator.SimulateTradePaths(pnls, Baseline, request, 0, request.Paths);
        var result = MonteCarloSimulator.Merge(request, [batch]);

        var logFinals = batch.Paths.Select(p => Math.Log(p.FinalCapital / 10_000)).ToArray();
        double mean = logFinals.Average();
        double sd = Math.Sqrt(logFinals.Sum(x => (x - mean) * (x - mean)) / (logFinals.Length - 1));
        double expectedSd = Math.Sqrt(40) * s;
        // within 4 standard errors of the mean; the sample sd within 3 %
        Assert.InRange(mean, 40 * m - 4 * expectedSd / Math.Sqrt(20_000), 40 * m + 4 * expectedSd / Math.Sqrt(20_000));
        Assert.InRange(sd, expectedSd * 0.97, expectedSd * 1.03);
        // the win rate of a path is the fraction of positive draws: its mean is the fraction of positive pnls
        double winners = pnls.Count(p => p > 0) / 40.0;
        double winSe = Math.Sqrt(winners * (1 - winners) / 40 / 20_000);
        Assert.InRange(result.Distribution("win_rate")!.Mean, winners - 4 * winSe, winners + 4 * winSe);
    }

    [Theory]
    [InlineData(MonteCarloMethod.TradeReshuffle)]
    [InlineData(MonteCarloMethod.TradeBootstrap)]
    [InlineData(MonteCarloMethod.BlockBootstrap)]
    [InlineData(MonteCarloMethod.Gbm)]
    public void SimulatePaths_AnyBatchSplit_MergesToTheSameResult(MonteCarloMethod method)
    {
        var bars = TestDataFiles.Goog;
        var request = Request(method, paths: MonteCarloMethods.ResamplesTrades(method) ? 300 : 40);
        var whole = MonteCarloSimulator.Run(bars, request);

        int[] sizes = [1, 7, 13];
        var batches = new List<MonteCarloBatch>();
        int start = 0, k = 0;
        while (start < request.Paths)
        {
            int count = Math.Min(sizes[k++ % sizes.Length], request.Paths - start);
            batches.Add(MonteCarloSimulator.SimulatePaths(bars, request with { MaxParallelism = 1 }, start, count));
            start += count;
        }
        batches.Reverse();
        var merged = MonteCarloSimulator.Merge(request, batches);

        Assert.Equal(whole.Distributions, merged.Distributions, new DistributionComparer());
        Assert.Equal(whole.ProbabilityOfLoss, merged.ProbabilityOfLoss);
        Assert.Equal(whole.ProbabilityOfDrawdownBeyondThreshold, merged.ProbabilityOfDrawdownBeyondThreshold);
        Assert.Equal(whole.Bands.Steps, merged.Bands.Steps);
        for (int level = 0; level < whole.Levels.Count; level++)
            Assert.Equal(whole.Bands.Values[level], merged.Bands.Values[level]);
    }

    [Fact]
    public void Run_SameSeed_SameResult_OtherSeed_Different()
    {
        var a = MonteCarloSimulator.Run(TestDataFiles.Goog, Request(MonteCarloMethod.TradeBootstrap, seed: 5));
        var b = MonteCarloSimulator.Run(TestDataFiles.Goog, Request(MonteCarloMethod.TradeBootstrap, seed: 5));
        var c = MonteCarloSimulator.Run(TestDataFiles.Goog, Request(MonteCarloMethod.TradeBootstrap, seed: 6));

        Assert.Equal(a.Distributions, b.Distributions, new DistributionComparer());
        Assert.NotEqual(a.Distribution("final_capital")!.Mean, c.Distribution("final_capital")!.Mean);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PricePaths_AreValidBarsWithTheDataDecimals_AndPathMetricsEqualAFullBacktest(bool gbm)
    {
        var bars = TestDataFiles.Goog;
        var generator = new PricePathGenerator(bars, gbm, blockLength: 20);
        var path = generator.CreateBuffers();
        var request = Request(gbm ? MonteCarloMethod.Gbm : MonteCarloMethod.BlockBootstrap, paths: 5) with { Metrics = ["sharpe_ratio", "total_trades"] };
        var batch = MonteCarloSimulator.SimulatePaths(bars, request, 0, 5);

        for (int i = 0; i < 5; i++)
        {
            generator.Generate(i, 42, path);
            BarSeriesValidator.Validate(path);
            Assert.Equal(bars.Close[0], path.Close[0]);
            Assert.Equal(2, PriceScale.DetectDecimals(path.Close));
            Assert.NotEqual(bars.Close, path.Close);
            var copy = path.Slice(0, path.Count);
            var full = EngineRun.Validated(copy, "sma_crossover", request.Parameters, 10_000);
            Assert.Equal(full.Metrics.FinalCapital, batch.Paths[i].FinalCapital);
            Assert.Equal(full.Metrics.MaxDrawdown, batch.Paths[i].MaxDrawdown);
            Assert.Equal(full.Metrics.SharpeRatio, batch.Paths[i].Metrics[0]);
            Assert.Equal(full.Metrics.TotalTrades, batch.Paths[i].Metrics[1]);
        }
    }

    [Fact]
    public void Gbm_ManyPaths_ReproduceTheFittedDriftAndVolatility()
    {
        var bars = TestDataFiles.Gbm10000;
        var generator = new PricePathGenerator(bars, gbm: true, blockLength: 1);
        var (mu, sigma) = generator.LogReturnModel;
        var path = generator.CreateBuffers();
        double sum = 0, squares = 0;
        long count = 0;
        for (int i = 0; i < 20; i++)
        {
            generator.Generate(i, 9, path);
            for (int t = 1; t < path.Count; t++)
            {
                double r = Math.Log(path.Close[t] / path.Close[t - 1]);
                sum += r;
                squares += r * r;
                count++;
            }
        }
        double mean = sum / count, sd = Math.Sqrt(squares / count - mean * mean);
        // rounding to 6 decimals adds noise far below sigma (~0.0003 per bar)
        Assert.InRange(sd, sigma * 0.98, sigma * 1.02);
        Assert.InRange(mean, mu - 4 * sigma / Math.Sqrt(count), mu + 4 * sigma / Math.Sqrt(count));
    }

    [Fact]
    public void BlockBootstrap_OneBlockPerPath_ReplaysTheDataMovesInARotatedOrder()
    {
        var bars = TestDataFiles.Gbm10000;
        var generator = new PricePathGenerator(bars, gbm: false, blockLength: bars.Count);
        var path = generator.CreateBuffers();

        generator.Generate(3, 1, path);

        // every path return is one of the data's returns, in circular order (up to rounding to 6 decimals)
        var data = Enumerable.Range(1, bars.Count - 1).Select(t => bars.Close[t] / bars.Close[t - 1]).ToArray();
        double first = path.Close[1] / path.Close[0];
        int offset = Enumerable.Range(0, data.Length).OrderBy(j => Math.Abs(data[j] - first)).First();
        for (int t = 1; t < 200; t++)
            Assert.Equal(data[(offset + t - 1) % data.Length], path.Close[t] / path.Close[t - 1], 1e-5);
    }

    // Speed is measured by MonteCarloBenchmarks.Reshuffle10k (benchmarks/Backtesting.Benchmarks), the same
    // 10,000 reshuffles of 1,000 trades; a wall-clock assertion here would only flake on shared CI cores.
    [Fact]
    public void Reshuffle_10000PathsOf1000Trades_MergesEveryPathOnce()
    {
        var random = new Randomness.Xoshiro256StarStar(1);
        double[] pnls = Enumerable.Range(0, 1000).Select(_ => random.NextNormal() * 100 + 5).ToArray();
        var request = Request(MonteCarloMethod.TradeReshuffle, paths: 10_000);

        var batch = MonteCarloSimulator.SimulateTradePaths(pnls, Baseline, request, 0, 10_000);
        var result = MonteCarloSimulator.Merge(request, [batch]);

        // every index 0..9,999 exactly once, each path resampling all 1,000 trades
        Assert.Equal(Enumerable.Range(0, 10_000), batch.Paths.Select(p => p.Index).Order());
        Assert.Equal(10_000, result.Paths);
        Assert.Equal(1000, result.TradeCount);
        Assert.Equal(10_000, result.Distribution("final_capital")!.Count);
    }

    [Fact]
    public void Merge_MissingOrDuplicatePaths_AreRejected()
    {
        var request = Request(MonteCarloMethod.TradeReshuffle, paths: 10);
        var a = MonteCarloSimulator.SimulatePaths(TestDataFiles.Goog, request, 0, 5);

        Assert.Throws<ArgumentException>(() => MonteCarloSimulator.Merge(request, [a]));
        Assert.Throws<ArgumentException>(() => MonteCarloSimulator.Merge(request, [a, a]));
    }

    [Fact]
    public void Validate_BadRequest_ReportsEveryProblem()
    {
        var request = Request(MonteCarloMethod.TradeReshuffle, paths: 0) with
        {
            Parameters = new Dictionary<string, object?> { ["fast_period"] = 50, ["slow_period"] = 20 },
            Metrics = ["sharpe_ratio", "luck"],
            Percentiles = [5, 101],
            BandPoints = 1,
            BlockLength = 0,
            DrawdownThreshold = -1,
            InitialCapital = 0,
        };

        var errors = MonteCarloSimulator.Validate(request);

        Assert.Contains(errors, e => e.Field == "parameters.fast_period");
        Assert.Contains(errors, e => e.Field == "paths" && e.Value == "0");
        Assert.Contains(errors, e => e.Field == "metrics" && e.Value == "'sharpe_ratio'" && e.Message.Contains("trade paths"));
        Assert.Contains(errors, e => e.Field == "metrics" && e.Value == "'luck'");
        Assert.Contains(errors, e => e.Field == "percentiles" && e.Value == "101");
        Assert.Contains(errors, e => e.Field == "band_points");
        Assert.Contains(errors, e => e.Field == "block_length");
        Assert.Contains(errors, e => e.Field == "drawdown_threshold");
        Assert.Contains(errors, e => e.Field == "initial_capital");
    }

    [Fact]
    public void Percentiles_LinearInterpolation_MatchesNumpy()
    {
        double[] sorted = [1, 2, 3, 4, 10];

        Assert.Equal(1, Percentiles.OfSorted(sorted, 0));
        Assert.Equal(1.2, Percentiles.OfSorted(sorted, 5), 12);
        Assert.Equal(2, Percentiles.OfSorted(sorted, 25));
        Assert.Equal(3, Percentiles.OfSorted(sorted, 50));
        Assert.Equal(8.8, Percentiles.OfSorted(sorted, 95), 12);
        Assert.Equal(10, Percentiles.OfSorted(sorted, 100));
    }

    private sealed class DistributionComparer : IEqualityComparer<MetricDistribution>
    {
        public bool Equals(MetricDistribution? x, MetricDistribution? y) =>
            x is not null && y is not null && x.Metric == y.Metric && x.Count == y.Count && x.Mean.Equals(y.Mean) && x.StdDev.Equals(y.StdDev)
            && x.Min.Equals(y.Min) && x.Max.Equals(y.Max) && x.Percentiles.SequenceEqual(y.Percentiles);

        public int GetHashCode(MetricDistribution obj) => obj.Metric.GetHashCode();
    }
}
