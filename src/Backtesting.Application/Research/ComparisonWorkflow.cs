using Backtesting.Application.Backtests;
using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>
/// Strategy comparison (job kind backtest_comparison): one activity per candidate (or per batch of them)
/// in waves, then one that ranks them, correlates their daily returns and re-runs the best as the run's backtest.
/// </summary>
public sealed class ComparisonWorkflow : FanOutResearchWorkflow
{
    public override string Name => nameof(ComparisonWorkflow);
    protected override ActivityName<ResearchRunRef, ResearchPlan> PrepareActivity { get; } = ActivityName<ResearchRunRef, ResearchPlan>.Of<PrepareComparisonActivity>();
    protected override ActivityName<ResearchBatchInput, ResearchBatchOutcome> BatchActivity { get; } = ActivityName<ResearchBatchInput, ResearchBatchOutcome>.Of<EvaluateCandidatesActivity>();
    protected override ActivityName<ResearchFinalizeInput, RunOutcome> FinalizeActivity { get; } = ActivityName<ResearchFinalizeInput, RunOutcome>.Of<FinalizeComparisonActivity>();
}
