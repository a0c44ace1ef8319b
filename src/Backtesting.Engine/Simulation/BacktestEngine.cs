using System.Buffers;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Simulation;

/// <summary>One backtest end to end: signals, simulation, metrics.</summary>
public static class BacktestEngine
{
    public static BacktestResult Run(BarSeries bars, StrategyConfig config, double initialCapital, BacktestOptions? options = null, IProgress<int>? progress = null,
        double[]? equity = null) =>
        Run(bars, config.CreateStrategy(), config.ToSimulationSettings(initialCapital), options, progress, equity);

    /// <summary>
    /// One backtest; an optional progress hears the bars simulated, chunk by chunk (the result does not depend on it).
    /// <paramref name="equity"/>, if given, receives the curve (bars.Count points; every one is written) and becomes the
    /// result's <c>Equity</c>: e.g. a buffer the caller prepared on another core while the bars loaded.
    /// </summary>
    public static BacktestResult Run(BarSeries bars, IStrategy strategy, SimulationSettings settings, BacktestOptions? options = null, IProgress<int>? progress = null,
        double[]? equity = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count == 0) throw new ArgumentException("a backtest needs at least one bar", nameof(bars));
        if (!(settings.InitialCapital > 0) || !double.IsFinite(settings.InitialCapital))
            throw new ArgumentOutOfRangeException(nameof(settings), settings.InitialCapital, "initial capital must be a finite number > 0");
        // pooled: the signals live only until the simulation has read them, so back-to-back runs reuse warm memory
        int n = bars.Count;
        var signals = ArrayPool<sbyte>.Shared.Rent(n);
        try
        {
            var mine = signals.AsSpan(0, n);
            mine.Clear();
            strategy.GenerateSignals(bars, mine);
            var output = new BacktestSimulator(bars, signals.AsMemory(0, n), settings).Run(progress, equity);
            return Assemble(bars, output, settings.InitialCapital, options ?? BacktestOptions.Default);
        }
        finally
        {
            ArrayPool<sbyte>.Shared.Return(signals);
        }
    }

    /// <summary>Builds the result (metrics and trade list) from a finished simulation.</summary>
    public static BacktestResult Assemble(BarSeries bars, SimulationOutput output, double initialCapital, BacktestOptions options)
    {
        var metrics = MetricsCalculator.Compute(new MetricsCalculator.Inputs(
            initialCapital, output.Equity, output.ClosedTrades, output.OpenTrade, output.FinalState.TotalFees,
            output.FinalState.BarsInMarket, bars.Close[0], bars.Close[^1],
            options.PeriodsPerYear ?? PeriodsPerYear.Infer(bars.Timestamps), options.RiskFreeRate));
        IReadOnlyList<Trade> trades = output.OpenTrade is null ? output.ClosedTrades
            : output.ClosedTrades is TradeLog { HasOpenTrade: false } log ? log.WithOpenTrade(output.OpenTrade)
            : [.. output.ClosedTrades, output.OpenTrade];
        return new BacktestResult(metrics, trades, output.Equity, bars.Timestamps);
    }
}
