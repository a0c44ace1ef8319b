using Backtesting.Application.Backtests;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>
/// Multi-asset portfolio backtest (job kind backtest_portfolio): one activity, since the assets share one
/// cash account bar by bar and the engine offers no split.
/// </summary>
public sealed class PortfolioWorkflow : IWorkflow
{
    private static readonly ActivityName<ResearchRunRef, RunOutcome> RunPortfolio = ActivityName<ResearchRunRef, RunOutcome>.Of<RunPortfolioActivity>();

    public string Name => nameof(PortfolioWorkflow);

    public async Task<object?> RunAsync(IWorkflowContext context)
    {
        var run = context.GetInput<ResearchRunRef>();
        try
        {
            return await context.CallActivityAsync(RunPortfolio, run);
        }
        catch (ActivityFailedException ex)
        {
            await context.CallActivityAsync(FailRunActivity.Call, new FailRunInput(run.RunId, run.UserId, ex.FailureMessage));
            return new RunOutcome(run.RunId, RunStatus.Failed, Error: ex.FailureMessage);
        }
    }
}
