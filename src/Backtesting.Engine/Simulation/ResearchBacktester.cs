using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Strategies.Kernels;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Simulation;

/// <summary>
/// Many backtests of one strategy on one bar series, sharing the work that does not depend on the
/// parameters: the strategy's signal kernel (scaled prices, prefix sums, indicator series), and
/// the annualisation factor. Each run equals <see cref="BacktestEngine.Run(BarSeries, StrategyConfig, double, BacktestOptions?, IProgress{int}?, double[])"/>
/// with the same config bit for bit. Thread-safe; callers bring their own <see cref="BacktestWorkspace"/>.
/// </summary>
internal sealed class ResearchBacktester
{
    public ResearchBacktester(BarSeries bars, StrategyDefinition definition, BacktestOptions options, IndicatorSeriesCache? cache = null)
    {
        if (bars.Count == 0) throw new ArgumentException("a backtest needs at least one bar", nameof(bars));
        Bars = bars;
        Definition = definition;
        Options = options;
        PeriodsPerYear = options.PeriodsPerYear ?? Metrics.PeriodsPerYear.Infer(bars.Timestamps);
        Kernel = definition.CreateKernel(bars, cache);
    }

    public BarSeries Bars { get; }
    public StrategyDefinition Definition { get; }
    public BacktestOptions Options { get; }
    public double PeriodsPerYear { get; }
    public ISignalKernel Kernel { get; }

    /// <summary>Configs with equal keys have equal signals.</summary>
    public string SignalKey(StrategyConfig config) => Kernel.SignalKey(config.Parameters);

    public void GenerateSignals(StrategyConfig config, Span<sbyte> signals) => Kernel.Generate(config.Parameters, signals[..Bars.Count]);

    /// <summary>Signals of several configs at once (<see cref="ISignalKernel.GenerateMany"/>), each equal to <see cref="GenerateSignals(StrategyConfig, Span{sbyte})"/>.</summary>
    public void GenerateSignals(ReadOnlySpan<StrategyConfig> configs, ReadOnlySpan<sbyte[]> signals)
    {
        var parameters = new ParameterSet[configs.Length];
        for (int k = 0; k < configs.Length; k++) parameters[k] = configs[k].Parameters;
        Kernel.GenerateMany(parameters, signals[..configs.Length]);
    }

    /// <summary>Simulates given signals; the equity curve is left in <see cref="BacktestWorkspace.Equity"/>.</summary>
    public PerformanceMetrics Simulate(StrategyConfig config, ReadOnlySpan<sbyte> signals, double initialCapital, BacktestWorkspace workspace) =>
        EquitySimulator.RunMetrics(Bars, signals, config.ToSimulationSettings(initialCapital), workspace.Equity, PeriodsPerYear, Options.RiskFreeRate);

    /// <summary>Signals and simulation in the workspace's buffers.</summary>
    public PerformanceMetrics Run(StrategyConfig config, double initialCapital, BacktestWorkspace workspace)
    {
        GenerateSignals(config, workspace.Signals);
        return Simulate(config, workspace.Signals, initialCapital, workspace);
    }
}
