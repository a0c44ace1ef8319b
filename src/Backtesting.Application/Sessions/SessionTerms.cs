namespace Backtesting.Application.Sessions;

/// <summary>
/// A session's fixed terms, resolved at creation: the exact bar range it replays (first bar with its warm-up,
/// last bar), capital and costs. Reloading that range gives the same bars on every request.
/// </summary>
public sealed record SessionTerms
{
    public required DateTime FirstBarTime { get; init; }
    public required DateTime LastBarTime { get; init; }
    public required DateTime StartDate { get; init; }
    public required int WarmupBars { get; init; }
    public required double InitialCapital { get; init; }
    public double Commission { get; init; }
    public double SlippageBps { get; init; }
    public bool Fractional { get; init; }

    /// <summary>Bars in the range when created: a reload that finds another count (market data re-imported) is refused, not replayed on other bars.</summary>
    public required int BarCount { get; init; }
}
