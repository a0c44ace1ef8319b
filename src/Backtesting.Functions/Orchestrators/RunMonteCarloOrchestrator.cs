using Backtesting.Application.Research;
using Backtesting.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Backtesting.Functions.Orchestrators;

/// <summary>Job kind backtest_monte_carlo: runs <see cref="MonteCarloWorkflow"/> unchanged.</summary>
public sealed class RunMonteCarloOrchestrator(WorkflowOrchestration orchestration)
{
    [Function(nameof(RunMonteCarloOrchestrator))]
    public Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        orchestration.RunAsync(context, nameof(MonteCarloWorkflow));
}
