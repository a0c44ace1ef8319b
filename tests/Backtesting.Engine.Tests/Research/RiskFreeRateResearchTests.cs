using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.MonteCarlo;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;
using Backtesting.Engine.WalkForward;

namespace Backtesting.Engine.Tests.Research;

/// <summary>
/// The research workloads (grid cells, walk-forward windows, Monte Carlo price paths) compute their metrics
/// on the allocation-free path (EquitySimulator + ResearchBacktester); with a non-zero risk-free rate each
/// must equal a single BacktestEngine.Run with the same options, and differ from the rate-0 run.
/// </summary>
public sealed class RiskFreeRateResearchTests
{
    private const double Rate = 0.03;
    private static readonly BacktestOptions WithRate = new(RiskFreeRate: Rate);
    private static readonly Dictionary<string, object?> Fixed = new() { ["commission"] = 0.002 };

    private static Dictionary<string, object?> With(IReadOnlyDictionary<string, object?> parameters)
    {
        var all = new Dictionary<string, object?>(Fixed);
        foreach (var (name, value) in parameters) all[name] = value;
        return all;
    }

    [Fact]
    public void GridOptimizerRun_WithRate_EveryCellEqualsBacktestEngineRunWithTheSameOptions()
    {
        var bars = TestDataFiles.Goog;
        var request = new OptimizationRequest
        {
            StrategyId = "sma_crossover",
            FixedParameters = Fixed,
            Axes = [ParameterAxis.Range("fast_period", 5, 20, 5), ParameterAxis.Range("slow_period", 20, 60, 20)],
            InitialCapital = 10_000,
            Options = WithRate,
        };

        var result = GridOptimizer.Run(bars, request);

        var cells = result.Cells.Where(c => !c.Skipped).ToArray();
        Assert.NotEmpty(cells);
        foreach (var cell in cells)
        {
            var parameters = With(cell.Parameters);
            var single = EngineRun.Validated(bars, "sma_crossover", parameters, 10_000, WithRate).Metrics;
            var atZero = EngineRun.Validated(bars, "sma_crossover", parameters, 10_000).Metrics;
            Assert.True(single == cell.Metrics, $"cell {cell.Index}: {single} vs {cell.Metrics}");
            Assert.NotEqual(atZero.SharpeRatio, cell.Metrics!.SharpeRatio);
            Assert.NotEqual(atZero.SortinoRatio, cell.Metrics.SortinoRatio);
        }
    }

    [Fact]
    public void WalkForwardRun_WithRate_InSampleEqualsEngineRunAndOutOfSampleMatchesThePlainLoop()
    {
        var bars = TestDataFiles.Goog;
        var request = new WalkForwardRequest
        {
            StrategyId = "sma_crossover",
            FixedParameters = Fixed,
            Axes = [ParameterAxis.Range("fast_period", 5, 20, 5), ParameterAxis.Range("slow_period", 20, 60, 20)],
            InitialCapital = 10_000,
            InSample = WindowLength.OfBars(600),
            OutOfSample = WindowLength.OfBars(400),
            Options = WithRate,
        };
        double a = PeriodsPerYear.Infer(bars.Timestamps);

        var result = WalkForwardAnalyzer.Run(bars, request);

        Assert.Equal(252, a);
        Assert.True(result.Windows.Count >= 3);
        foreach (var w in result.Windows)
        {
            Assert.NotNull(w.BestParameters);
            var inSample = bars.Slice(w.Window.InSampleStart, w.Window.InSampleBars);
            var single = EngineRun.Validated(inSample, "sma_crossover", With(w.BestParameters), 10_000, WithRate with { PeriodsPerYear = a }).Metrics;
            Assert.True(single == w.InSampleMetrics, $"window {w.Window.Index}: {single} vs {w.InSampleMetrics}");
            AssertNumber.Relative(ExcessReturnRatios.Sharpe(w.OutOfSampleEquity, 10_000, Rate, a), w.OutOfSampleMetrics.SharpeRatio, 1e-10, "out-of-sample sharpe_ratio");
        }
        AssertNumber.Relative(ExcessReturnRatios.Sharpe(result.Equity, 10_000, Rate, a), result.Metrics.SharpeRatio, 1e-10, "stitched sharpe_ratio");
        AssertNumber.Relative(ExcessReturnRatios.Sortino(result.Equity, 10_000, Rate, a), result.Metrics.SortinoRatio, 1e-10, "stitched sortino_ratio");
        Assert.Equal(Rate, result.Metrics.RiskFreeRate);
    }

    [Theory]
    [InlineData(MonteCarloMethod.BlockBootstrap)]
    [InlineData(MonteCarloMethod.Gbm)]
    public void MonteCarloPricePaths_WithRate_BaselineAndEveryPathEqualBacktestEngineRun(MonteCarloMethod method)
    {
        var bars = TestDataFiles.Goog;
        var parameters = new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 };
        var request = new MonteCarloRequest
        {
            StrategyId = "sma_crossover",
            Parameters = parameters,
            InitialCapital = 10_000,
            Method = method,
            Paths = 4,
            Seed = 42,
            Metrics = ["sharpe_ratio", "sortino_ratio"],
            Options = WithRate,
        };

        var batch = MonteCarloSimulator.SimulatePaths(bars, request, 0, request.Paths);

        Assert.Equal(EngineRun.Validated(bars, "sma_crossover", parameters, 10_000, WithRate).Metrics, batch.Baseline);
        var generator = new PricePathGenerator(bars, method == MonteCarloMethod.Gbm, request.BlockLength);
        var path = generator.CreateBuffers();
        for (int i = 0; i < request.Paths; i++)
        {
            generator.Generate(i, 42, path);
            var copy = path.Slice(0, path.Count);
            var full = EngineRun.Validated(copy, "sma_crossover", parameters, 10_000, WithRate).Metrics;
            var atZero = EngineRun.Validated(copy, "sma_crossover", parameters, 10_000).Metrics;
            Assert.Equal(full.SharpeRatio, batch.Paths[i].Metrics[0]);
            Assert.Equal(full.SortinoRatio, batch.Paths[i].Metrics[1]);
            Assert.NotEqual(atZero.SharpeRatio, batch.Paths[i].Metrics[0]);
        }
    }
}
