namespace Backtesting.Application.Research;

/// <summary>
/// Strategy comparison (job kind backtest_comparison): one activity per candidate (or per batch of them)
/// in waves, then one that ranks them, correlates their daily returns and re-runs the best as the run's backtest.
/// </summary>
public sealed class ComparisonWorkflow : FanOutResearchWorkflow
{
    public override string Name => nameof(ComparisonWorkflow);
    protected override string PrepareActivity => nameof(PrepareComparisonActivity);
    protected override string BatchActivity => nameof(EvaluateCandidatesActivity);
    protected override string FinalizeActivity => nameof(FinalizeComparisonActivity);
}
