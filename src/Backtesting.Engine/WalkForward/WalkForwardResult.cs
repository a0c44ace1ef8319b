using Backtesting.Engine.Metrics;

namespace Backtesting.Engine.WalkForward;

/// <summary>
/// Every window's result, the stitched out-of-sample equity curve (window returns compounded from
/// the initial capital) with its trades and metrics, and the walk-forward efficiency.
/// </summary>
public sealed record WalkForwardResult
{
    public required IReadOnlyList<WalkForwardWindowResult> Windows { get; init; }

    /// <summary>Stitched out-of-sample equity, one point per out-of-sample bar.</summary>
    public required double[] Equity { get; init; }

    /// <summary>Timestamps (UTC ticks) of <see cref="Equity"/>.</summary>
    public required long[] Timestamps { get; init; }

    /// <summary>
    /// The windows' out-of-sample trades in order, each scaled like its window's equity (quantity, fees
    /// and pnl times the stitched capital before the window over the initial capital).
    /// </summary>
    public required IReadOnlyList<Simulation.Trade> Trades { get; init; }

    /// <summary>Metrics of the stitched curve (trade pnl scaled like the window's equity).</summary>
    public required PerformanceMetrics Metrics { get; init; }

    /// <summary>
    /// Stitched out-of-sample annual_return divided by the mean in-sample annual_return of the chosen
    /// parameters (Pardo's walk-forward efficiency); null unless that mean is positive.
    /// </summary>
    public double? WalkForwardEfficiency { get; init; }
}
