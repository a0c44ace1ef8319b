using Backtesting.Application.Json;
using Backtesting.Application.Workflows;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backtesting.Functions.Durable;

/// <summary>Runs an Application workflow inside an orchestrator function; every orchestrator is one call to this.</summary>
public sealed class WorkflowOrchestration(WorkflowCatalog catalog, IOptions<DurableOptions> options)
{
    /// <summary>Runs <paramref name="workflowName"/> with the orchestration's input (WorkflowJson text) and returns its output as WorkflowJson text.</summary>
    public Task<string> RunAsync(TaskOrchestrationContext context, string workflowName) =>
        RunAsync(context, workflowName, context.GetInput<string>());

    public async Task<string> RunAsync(TaskOrchestrationContext context, string workflowName, string? inputJson)
    {
        var workflow = catalog.GetWorkflow(workflowName);
        // replay-safe: writes nothing while recorded history is replayed
        var logger = context.CreateReplaySafeLogger(typeof(WorkflowOrchestration).FullName!);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = context.InstanceId, ["Workflow"] = workflowName });
        logger.LogInformation("Workflow {Workflow} {InstanceId} running", workflowName, context.InstanceId);
        var output = await workflow.RunAsync(new DurableWorkflowContext(context, inputJson, options.Value, logger));
        logger.LogInformation("Workflow {Workflow} {InstanceId} finished", workflowName, context.InstanceId);
        return WorkflowJson.Serialize(output);
    }
}
