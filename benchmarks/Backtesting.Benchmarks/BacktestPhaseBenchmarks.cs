using BenchmarkDotNet.Attributes;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Benchmarks;

/// <summary>
/// Issue 17: <see cref="BacktestBenchmarks"/>' one backtest (sma_crossover 10/30, 1 bp, gbm_1000000) split into its
/// phases, each from the previous phase's ready output, so a profile says where the time per 1M bars goes.
/// </summary>
[MemoryDiagnoser]
public class BacktestPhaseBenchmarks
{
    private BarSeries _bars = null!;
    private StrategyConfig _config = null!;
    private SimulationSettings _settings = null!;
    private sbyte[] _signals = null!;
    private sbyte[] _signalBuffer = null!;
    private SimulationOutput _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bars = ReferenceData.Load("gbm_1000000.csv.gz", 1_000_000);
        _config = StrategyConfigValidator.Validate("sma_crossover", new Dictionary<string, object?>
        {
            ["fast_period"] = 10, ["slow_period"] = 30, ["commission"] = 0.0001,
        }).GetConfigOrThrow();
        _settings = _config.ToSimulationSettings(100_000);
        _signals = new sbyte[_bars.Count];
        _signalBuffer = new sbyte[_bars.Count];
        _config.CreateStrategy().GenerateSignals(_bars, _signals);
        _output = new BacktestSimulator(_bars, _signals, _settings).Run();
    }

    [Benchmark(Baseline = true, Description = "whole backtest")]
    public double Whole() => BacktestEngine.Run(_bars, _config, 100_000).Metrics.FinalCapital;

    // into one buffer cleared per call, as the whole run's pooled signals: a fresh 1 MB array per call would measure its
    // page faults rather than the signal pass
    [Benchmark(Description = "signals")]
    public sbyte Signals()
    {
        Array.Clear(_signalBuffer);
        _config.CreateStrategy().GenerateSignals(_bars, _signalBuffer);
        return _signalBuffer[^1];
    }

    [Benchmark(Description = "simulation + equity curve (trade list)")]
    public double Simulation() => new BacktestSimulator(_bars, _signals, _settings).Run().FinalState.Cash;

    [Benchmark(Description = "metrics and result (from the simulation's output)")]
    public double Metrics() => BacktestEngine.Assemble(_bars, _output, 100_000, BacktestOptions.Default).Metrics.SharpeRatio ?? 0;

    [Benchmark(Description = "  return statistics")]
    public double Returns() => ReturnStatistics.Compute(_output.Equity, 100_000).StdDev;

    [Benchmark(Description = "  drawdown")]
    public double Drawdown() => DrawdownStatistics.Compute(_output.Equity, 100_000).MaxDrawdown;

    [Benchmark(Description = "  periods per year")]
    public double Periods() => PeriodsPerYear.Infer(_bars.Timestamps);
}
