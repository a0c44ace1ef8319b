namespace Backtesting.Application.Workflows;

/// <summary>Starts and stops workflow instances: the in-process runner locally, the Durable client on Azure.</summary>
public interface IWorkflowStarter
{
    /// <summary>Schedules a workflow; starting an instance id that already runs does nothing.</summary>
    Task StartAsync(string workflowName, string instanceId, object input, CancellationToken ct = default);

    /// <summary>
    /// <see cref="StartAsync"/> for an instance just created (a new run's id, never started before): nothing can be journaled
    /// for it yet, so a runner that replays a journal need not read one (issue 17). A resume must call <see cref="StartAsync"/>.
    /// </summary>
    Task StartNewAsync(string workflowName, string instanceId, object input, CancellationToken ct = default) =>
        StartAsync(workflowName, instanceId, input, ct);

    /// <summary>Stops an instance if it is running (the run's status is set by the caller).</summary>
    Task CancelAsync(string instanceId, CancellationToken ct = default);
}
