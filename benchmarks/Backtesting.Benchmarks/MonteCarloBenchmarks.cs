using BenchmarkDotNet.Attributes;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.MonteCarlo;
using Backtesting.Engine.Randomness;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Benchmarks;

/// <summary>Trade reshuffles and bootstraps (10,000 paths of 1,000 trades) and price-path re-runs on gbm_10000.</summary>
[MemoryDiagnoser]
public class MonteCarloBenchmarks
{
    private double[] _pnls = [];
    private BarSeries _bars = null!;
    private MonteCarloRequest _request = null!;
    private PerformanceMetrics _baseline = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Xoshiro256StarStar(1);
        _pnls = Enumerable.Range(0, 1_000).Select(_ => random.NextNormal() * 100 + 5).ToArray();
        _bars = ReferenceData.Load("gbm_10000.csv", 10_000);
        _request = new MonteCarloRequest
        {
            StrategyId = "sma_crossover",
            Parameters = new Dictionary<string, object?> { ["commission"] = 0.0001 },
            InitialCapital = 100_000,
            Paths = 10_000,
            Seed = 42,
        };
        _baseline = BacktestEngine.Run(_bars, StrategyConfigValidator.Validate("buy_and_hold", new Dictionary<string, object?>()).GetConfigOrThrow(), 100_000).Metrics;
    }

    private MonteCarloResult Trades(MonteCarloMethod method)
    {
        var request = _request with { Method = method };
        return MonteCarloSimulator.Merge(request, [MonteCarloSimulator.SimulateTradePaths(_pnls, _baseline, request, 0, request.Paths)]);
    }

    [Benchmark(Description = "10,000 reshuffles of 1,000 trades")]
    public double Reshuffle10k() => Trades(MonteCarloMethod.TradeReshuffle).ProbabilityOfLoss;

    [Benchmark(Description = "10,000 bootstraps of 1,000 trades")]
    public double Bootstrap10k() => Trades(MonteCarloMethod.TradeBootstrap).ProbabilityOfLoss;

    [Benchmark(Description = "100 block-bootstrap paths, sma 10/30 re-run, 10k bars")]
    public double BlockBootstrap100() => MonteCarloSimulator.Run(_bars, _request with { Method = MonteCarloMethod.BlockBootstrap, Paths = 100 }).ProbabilityOfLoss;

    [Benchmark(Description = "100 GBM paths, sma 10/30 re-run, 10k bars")]
    public double Gbm100() => MonteCarloSimulator.Run(_bars, _request with { Method = MonteCarloMethod.Gbm, Paths = 100 }).ProbabilityOfLoss;
}
