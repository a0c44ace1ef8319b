using Backtesting.Application.Json;
using Backtesting.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Backtesting.Functions.Orchestrators;

/// <summary>Any workflow called as a child (IWorkflowContext.CallSubWorkflowAsync), e.g. one batch of an optimization grid.</summary>
public sealed class RunChildWorkflowOrchestrator(WorkflowOrchestration orchestration)
{
    [Function(nameof(RunChildWorkflowOrchestrator))]
    public Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        // like every orchestrator's input, WorkflowJson text: a worker hands GetInput<T> the type it was registered with
        var input = WorkflowJson.Deserialize<ChildWorkflowInput?>(context.GetInput<string>() ?? "null") ?? throw new InvalidOperationException("a child workflow needs a ChildWorkflowInput");
        return orchestration.RunAsync(context, input.Workflow, input.InputJson);
    }
}
