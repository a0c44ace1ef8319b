using Backtesting.Application.Strategies;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.Backtests;

/// <summary>What every chunk of one run simulates from: its bars, the strategy's signals over all of them, and the settings.</summary>
public sealed record BacktestInputs(BarSeries Series, sbyte[] Signals, SimulationSettings Settings)
{
    /// <summary>Generates the job's signals over the whole series (signals are causal, so any chunk may use them).</summary>
    public static BacktestInputs Create(BacktestJob job, BarSeries series)
    {
        var config = StrategyConfigValidator.Validate(job.StrategyId, job.Parameters, strategies: StoredStrategyDefinitions.Lookup(job.UserStrategies)).GetConfigOrThrow();
        var signals = new sbyte[series.Count];
        config.CreateStrategy().GenerateSignals(series, signals);
        return new BacktestInputs(series, signals, config.ToSimulationSettings(job.InitialCapital));
    }

    public BacktestSimulator CreateSimulator() => new(Series, Signals, Settings);
}
