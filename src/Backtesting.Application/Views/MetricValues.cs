using Backtesting.Engine.Metrics;

namespace Backtesting.Application.Views;

/// <summary>
/// A run's metrics by name: every metric of the contract (final_capital, total_return, annual_return, max_drawdown,
/// max_drawdown_duration, sharpe_ratio, sortino_ratio, calmar_ratio, total_trades, open_trades, winning_trades,
/// losing_trades, win_rate, avg_win, avg_loss, profit_factor, expectancy, total_fees, exposure, buy_and_hold_return;
/// null where undefined), then bars, periods_per_year, risk_free_rate and initial_capital. A map of numbers rather than
/// a record so that metrics stored by older versions (without the later names) read back as they were stored.
/// </summary>
public sealed class MetricValues : Dictionary<string, double?>
{
    public MetricValues() : base(StringComparer.Ordinal)
    {
    }

    /// <summary>Every metric of <paramref name="m"/> in report order (non-finite values as null), then the run's figures.</summary>
    public static MetricValues Of(PerformanceMetrics m)
    {
        var values = new MetricValues();
        foreach (var (name, value) in MetricNames.Enumerate(m))
            values[name] = value is { } v && double.IsFinite(v) ? v : null;
        values["bars"] = m.Bars;
        values["periods_per_year"] = m.PeriodsPerYear;
        values["risk_free_rate"] = m.RiskFreeRate;
        values["initial_capital"] = m.InitialCapital;
        return values;
    }
}
