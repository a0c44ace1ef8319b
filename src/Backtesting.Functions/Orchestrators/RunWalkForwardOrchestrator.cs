using Backtesting.Application.Research;
using Backtesting.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Backtesting.Functions.Orchestrators;

/// <summary>Job kind backtest_walk_forward: runs <see cref="WalkForwardWorkflow"/> unchanged.</summary>
public sealed class RunWalkForwardOrchestrator(WorkflowOrchestration orchestration)
{
    [Function(nameof(RunWalkForwardOrchestrator))]
    public Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        orchestration.RunAsync(context, nameof(WalkForwardWorkflow));
}
