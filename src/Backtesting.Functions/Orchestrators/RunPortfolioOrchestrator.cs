using Backtesting.Application.Research;
using Backtesting.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Backtesting.Functions.Orchestrators;

/// <summary>Job kind backtest_portfolio: runs <see cref="PortfolioWorkflow"/> unchanged.</summary>
public sealed class RunPortfolioOrchestrator(WorkflowOrchestration orchestration)
{
    [Function(nameof(RunPortfolioOrchestrator))]
    public Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        orchestration.RunAsync(context, nameof(PortfolioWorkflow));
}
