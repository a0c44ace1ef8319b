using Backtesting.Application.Backtests;
using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>
/// Walk-forward analysis (job kind backtest_walk_forward): batches of windows (in-sample search, then
/// out-of-sample trading) fan out in waves, then the windows are stitched into one out-of-sample run.
/// </summary>
public sealed class WalkForwardWorkflow : FanOutResearchWorkflow
{
    public override string Name => nameof(WalkForwardWorkflow);
    protected override ActivityName<ResearchRunRef, ResearchPlan> PrepareActivity { get; } = ActivityName<ResearchRunRef, ResearchPlan>.Of<PrepareWalkForwardActivity>();
    protected override ActivityName<ResearchBatchInput, ResearchBatchOutcome> BatchActivity { get; } = ActivityName<ResearchBatchInput, ResearchBatchOutcome>.Of<EvaluateWindowsActivity>();
    protected override ActivityName<ResearchFinalizeInput, RunOutcome> FinalizeActivity { get; } = ActivityName<ResearchFinalizeInput, RunOutcome>.Of<FinalizeWalkForwardActivity>();
}
