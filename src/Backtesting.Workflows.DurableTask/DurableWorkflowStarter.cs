using Backtesting.Application.Json;
using Backtesting.Application.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Backtesting.Workflows.DurableTask;

/// <summary>
/// <see cref="IWorkflowStarter"/> on Durable Functions (or any Durable Task client): a workflow the
/// <see cref="WorkflowCatalog"/> does not hold is refused before the task hub is asked anything, the orchestrator is
/// <see cref="DurableOrchestratorNames.For"/> of the workflow, the instance id is the run id (or the schedule
/// slot), so a second start of the same id does nothing; cancelling terminates the instance (the
/// caller has already moved the run to "cancelled", which the activities also check).
/// </summary>
public sealed class DurableWorkflowStarter(WorkflowCatalog catalog, DurableClientScope clients, ILogger<DurableWorkflowStarter> logger) : IWorkflowStarter
{
    public async Task StartAsync(string workflowName, string instanceId, object input, CancellationToken ct = default)
    {
        // here, not in the worker: an unknown name would otherwise become an instance no orchestrator ever runs
        catalog.EnsureRegistered(workflowName);
        string orchestrator = DurableOrchestratorNames.For(workflowName);
        var client = clients.Client;
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct).ConfigureAwait(false) is { } existing)
        {
            logger.LogInformation("{Orchestrator} {InstanceId} already exists ({Status}); not started again", orchestrator, instanceId, existing.RuntimeStatus);
            return;
        }
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, WorkflowJson.Serialize(input), new StartOrchestrationOptions(instanceId), ct).ConfigureAwait(false);
            logger.LogInformation("Started {Orchestrator} {InstanceId}", orchestrator, instanceId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // another caller may have started the same instance between the check and the schedule
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, CancellationToken.None).ConfigureAwait(false) is null) throw;
            logger.LogInformation("{Orchestrator} {InstanceId} was started concurrently", orchestrator, instanceId);
        }
    }

    public async Task CancelAsync(string instanceId, CancellationToken ct = default)
    {
        var client = clients.Client;
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct).ConfigureAwait(false);
        if (instance is null || !IsActive(instance.RuntimeStatus)) return;
        await client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(Output: "cancelled", Recursive: true), ct).ConfigureAwait(false);
        logger.LogInformation("Terminated {InstanceId}", instanceId);
    }

    private static bool IsActive(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;
}
