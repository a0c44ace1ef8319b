using Backtesting.Application.Backtests;
using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>
/// Grid optimization (job kind backtest_optimization): batches of cells fan out in waves, progress is
/// reported after every wave, then the cells are merged, stored and the best cell re-run as the run's backtest.
/// </summary>
public sealed class OptimizationWorkflow : FanOutResearchWorkflow
{
    public override string Name => nameof(OptimizationWorkflow);
    protected override ActivityName<ResearchRunRef, ResearchPlan> PrepareActivity { get; } = ActivityName<ResearchRunRef, ResearchPlan>.Of<PrepareOptimizationActivity>();
    protected override ActivityName<ResearchBatchInput, ResearchBatchOutcome> BatchActivity { get; } = ActivityName<ResearchBatchInput, ResearchBatchOutcome>.Of<EvaluateCellsActivity>();
    protected override ActivityName<ResearchFinalizeInput, RunOutcome> FinalizeActivity { get; } = ActivityName<ResearchFinalizeInput, RunOutcome>.Of<FinalizeOptimizationActivity>();
}
