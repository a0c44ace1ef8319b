using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.WalkForward;

/// <summary>
/// One window's outcome: the parameters chosen in sample, their in-sample metrics, and the
/// out-of-sample backtest at the request's initial capital (equity and trades; trade bar indices
/// refer to the whole series). Null parameters and metrics when no in-sample cell could be evaluated:
/// the window then stays in cash.
/// </summary>
public sealed record WalkForwardWindowResult
{
    public required WalkForwardWindow Window { get; init; }
    public IReadOnlyDictionary<string, object?>? BestParameters { get; init; }
    public PerformanceMetrics? InSampleMetrics { get; init; }
    public required PerformanceMetrics OutOfSampleMetrics { get; init; }

    /// <summary>Out-of-sample equity at every bar's close, starting from the request's initial capital.</summary>
    public required double[] OutOfSampleEquity { get; init; }
    public required IReadOnlyList<Trade> OutOfSampleTrades { get; init; }
    /// <summary>In-sample cells evaluated and skipped (invalid combinations).</summary>
    public int EvaluatedCells { get; init; }
    public int SkippedCells { get; init; }

    /// <summary>Why the window has no parameters (every in-sample cell skipped), when that happened.</summary>
    public IReadOnlyList<ValidationError>? Problems { get; init; }

    /// <summary>Out-of-sample annual_return / in-sample annual_return; null unless the in-sample return is positive.</summary>
    public double? Efficiency => InSampleMetrics is { AnnualReturn: > 0 } inSample ? OutOfSampleMetrics.AnnualReturn / inSample.AnnualReturn : null;
}
