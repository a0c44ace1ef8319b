namespace Backtesting.Application.Runs;

/// <summary>Job kinds, named after the platform's worker task types.</summary>
public static class RunKind
{
    public const string Backtest = "backtest_strategy";
    public const string Optimization = "backtest_optimization";
    public const string MonteCarlo = "backtest_monte_carlo";
    public const string WalkForward = "backtest_walk_forward";
    public const string Portfolio = "backtest_portfolio";
    public const string Comparison = "backtest_comparison";

    /// <summary>
    /// A closed trading session (DESIGN.md section 10), written at once as a completed run. Not in <see cref="All"/>,
    /// which lists the kinds a workflow runs (every one needs a route and an orchestrator).
    /// </summary>
    public const string BacktradingSession = "backtrading_session";

    public static IReadOnlyList<string> All { get; } = [Backtest, Optimization, MonteCarlo, WalkForward, Portfolio, Comparison];

    /// <summary>
    /// What a fan-out research run counts as it progresses ("cells", "paths", "windows"); null for runs that count
    /// executed trades (a backtest). The store keeps either count in one progress column; views name it by this.
    /// </summary>
    public static string? WorkUnit(string kind) => kind switch
    {
        Optimization => "cells",
        MonteCarlo => "paths",
        WalkForward => "windows",
        _ => null,
    };
}
