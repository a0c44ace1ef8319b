using Backtesting.Application.Research;
using Backtesting.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Backtesting.Functions.Orchestrators;

/// <summary>Job kind backtest_comparison: runs <see cref="ComparisonWorkflow"/> unchanged.</summary>
public sealed class RunComparisonOrchestrator(WorkflowOrchestration orchestration)
{
    [Function(nameof(RunComparisonOrchestrator))]
    public Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        orchestration.RunAsync(context, nameof(ComparisonWorkflow));
}
