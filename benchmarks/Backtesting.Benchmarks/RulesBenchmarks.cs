using BenchmarkDotNet.Attributes;
using Backtesting.Engine.Data;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Rules;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Benchmarks;

/// <summary>
/// Issue 12 speed targets for rules strategies: three indicators on gbm_1000000 against the built-in
/// sma_crossover in the same run (target: at most 3x), and a 10x10 grid over two rule parameters on
/// gbm_100000 (target: under 150 ms).
/// </summary>
[MemoryDiagnoser]
public class RulesBenchmarks
{
    private const string Definition = """
        {
          "id": "bench_three_indicators", "name": "Three indicators", "strategy_type": "trend",
          "parameters": {
            "fast": {"type": "integer", "default": 10, "minimum": 1, "maximum": 500},
            "slow": {"type": "integer", "default": 30, "minimum": 2, "maximum": 1000}
          },
          "constraints": ["fast < slow"],
          "rules": {
            "long_entry": "crosses_above(sma(close, fast), sma(close, slow)) and close > ema(close, 50)",
            "long_exit": "crosses_below(sma(close, fast), sma(close, slow))"
          }
        }
        """;

    private BarSeries _million = null!;
    private BarSeries _hundredThousand = null!;
    private StrategyConfig _builtIn = null!;
    private StrategyConfig _rules = null!;
    private OptimizationRequest _grid = null!;

    [GlobalSetup]
    public void Setup()
    {
        _million = ReferenceData.Load("gbm_1000000.csv.gz", 1_000_000);
        _hundredThousand = ReferenceData.Load("gbm_100000.csv", 100_000);
        _builtIn = StrategyConfigValidator.Validate("sma_crossover", new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 30 }).GetConfigOrThrow();
        var rules = RuleStrategyDefinition.Parse(Definition).ToStrategyDefinition();
        _rules = StrategyConfigValidator.Validate(rules, new Dictionary<string, object?>()).GetConfigOrThrow();
        _grid = new OptimizationRequest
        {
            StrategyId = rules.Id,
            Strategy = rules,
            Axes = [ParameterAxis.Range("fast", 5, 50, 5), ParameterAxis.Range("slow", 60, 150, 10)],
            InitialCapital = 100_000,
        };
    }

    [Benchmark(Baseline = true, Description = "built-in sma_crossover 10/30, 1M bars")]
    public double BuiltIn1M() => BacktestEngine.Run(_million, _builtIn, 100_000).Metrics.FinalCapital;

    [Benchmark(Description = "rules: sma x sma cross + ema filter, 1M bars")]
    public double Rules1M() => BacktestEngine.Run(_million, _rules, 100_000).Metrics.FinalCapital;

    [Benchmark(Description = "rules: 10x10 grid over fast/slow, 100k bars")]
    public int RulesGrid100k() => GridOptimizer.Run(_hundredThousand, _grid).Cells.Count;
}
