using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Tests.Support;

/// <summary>Runs backtests the way a real caller does: validate the config, then run the engine.</summary>
public static class EngineRun
{
    /// <summary>Validates <paramref name="parameters"/> for <paramref name="strategyId"/> and runs the engine.</summary>
    public static BacktestResult Validated(BarSeries bars, string strategyId, IReadOnlyDictionary<string, object?> parameters,
        double initialCapital, BacktestOptions? options = null) =>
        BacktestEngine.Run(bars, Config(strategyId, parameters), initialCapital, options);

    /// <summary>A validated config (the test fails with the validator's errors otherwise).</summary>
    public static StrategyConfig Config(string strategyId, IReadOnlyDictionary<string, object?> parameters)
    {
        var validation = StrategyConfigValidator.Validate(strategyId, parameters);
        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        return validation.Config!;
    }

    /// <summary>Execution settings from validated common parameters (direction, fill, commission, ...).</summary>
    public static SimulationSettings Settings(double initialCapital, IReadOnlyDictionary<string, object?>? parameters = null) =>
        Config("sma_crossover", parameters ?? new Dictionary<string, object?>()).ToSimulationSettings(initialCapital);

    /// <summary>Runs the given per-bar signals under settings built from validated common parameters.</summary>
    public static BacktestResult Signals(BarSeries bars, sbyte[] signals, double initialCapital,
        IReadOnlyDictionary<string, object?>? parameters = null) =>
        BacktestEngine.Run(bars, new FixedSignalsStrategy(signals), Settings(initialCapital, parameters));
}
