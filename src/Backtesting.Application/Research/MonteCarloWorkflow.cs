using Backtesting.Application.Backtests;
using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>
/// Monte Carlo study (job kind backtest_monte_carlo): batches of paths fan out in waves (path i seeded
/// from the run seed and i, so any batching gives the same paths), then percentiles, probabilities and
/// equity bands are computed over all of them.
/// </summary>
public sealed class MonteCarloWorkflow : FanOutResearchWorkflow
{
    public override string Name => nameof(MonteCarloWorkflow);
    protected override ActivityName<ResearchRunRef, ResearchPlan> PrepareActivity { get; } = ActivityName<ResearchRunRef, ResearchPlan>.Of<PrepareMonteCarloActivity>();
    protected override ActivityName<ResearchBatchInput, ResearchBatchOutcome> BatchActivity { get; } = ActivityName<ResearchBatchInput, ResearchBatchOutcome>.Of<SimulatePathsActivity>();
    protected override ActivityName<ResearchFinalizeInput, RunOutcome> FinalizeActivity { get; } = ActivityName<ResearchFinalizeInput, RunOutcome>.Of<FinalizeMonteCarloActivity>();
}
