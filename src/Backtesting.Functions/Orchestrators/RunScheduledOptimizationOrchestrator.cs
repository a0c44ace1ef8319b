using Backtesting.Application.Schedules;
using Backtesting.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Backtesting.Functions.Orchestrators;

/// <summary>One slot of a schedule (a singleton: its instance id is fixed per schedule and slot); runs <see cref="ScheduledOptimizationWorkflow"/>.</summary>
public sealed class RunScheduledOptimizationOrchestrator(WorkflowOrchestration orchestration)
{
    [Function(nameof(RunScheduledOptimizationOrchestrator))]
    public Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        orchestration.RunAsync(context, nameof(ScheduledOptimizationWorkflow));
}
