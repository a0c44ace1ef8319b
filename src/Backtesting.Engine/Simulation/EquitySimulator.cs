using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Engine.Simulation;

/// <summary>
/// The research workloads' runs on the one simulation core: equity into a caller's buffer and trade
/// totals instead of a trade list, so a grid cell or a Monte Carlo path allocates nothing per bar or trade.
/// </summary>
internal static class EquitySimulator
{
    /// <summary>What a simulation leaves besides the equity curve.</summary>
    internal readonly record struct Summary(TradeTotals Trades, bool HasOpenTrade, double TotalFees, int BarsInMarket);

    /// <summary>Simulates every bar; <paramref name="equity"/> receives one point per bar.</summary>
    public static Summary Run(BarSeries bars, ReadOnlySpan<sbyte> signals, SimulationSettings settings, Span<double> equity)
    {
        int n = bars.Count;
        if (signals.Length < n) throw new ArgumentException($"signals has {signals.Length} entries for {n} bars", nameof(signals));
        if (equity.Length < n) throw new ArgumentException($"equity has {equity.Length} entries for {n} bars", nameof(equity));
        var core = BarStepCores.Create(bars, settings, new TradeTotalsRecorder());
        core.Advance(signals[..n], 0, n, equity[..n]);
        ref var book = ref core.Book;
        if (book.Position.Units != 0 && settings.CloseAtEnd)
        {
            core.CloseAtEnd();
            equity[n - 1] = book.Cash;
        }
        return new Summary(core.Recorder.Totals, book.Position.Units != 0, book.TotalFees, book.BarsInMarket);
    }

    /// <summary>Runs the simulation and computes the metrics (periods per year given, so a grid infers it once).</summary>
    public static PerformanceMetrics RunMetrics(BarSeries bars, ReadOnlySpan<sbyte> signals, SimulationSettings settings, Span<double> equity,
        double periodsPerYear, double riskFreeRate)
    {
        var summary = Run(bars, signals, settings, equity);
        return MetricsCalculator.Compute(settings.InitialCapital, equity[..bars.Count], summary.Trades, summary.HasOpenTrade, summary.TotalFees,
            summary.BarsInMarket, bars.Close[0], bars.Close[^1], periodsPerYear, riskFreeRate);
    }
}
