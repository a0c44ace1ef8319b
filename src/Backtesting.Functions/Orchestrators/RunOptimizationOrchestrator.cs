using Backtesting.Application.Research;
using Backtesting.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Backtesting.Functions.Orchestrators;

/// <summary>Job kind backtest_optimization: runs <see cref="OptimizationWorkflow"/>; its waves run as child sub-orchestrations.</summary>
public sealed class RunOptimizationOrchestrator(WorkflowOrchestration orchestration)
{
    [Function(nameof(RunOptimizationOrchestrator))]
    public Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        orchestration.RunAsync(context, nameof(OptimizationWorkflow));
}
