namespace Backtesting.Application.Workflows;

/// <summary>Starts and stops workflow instances: the in-process runner locally, the Durable client on Azure.</summary>
public interface IWorkflowStarter
{
    /// <summary>Schedules a workflow; starting an instance id that already runs does nothing.</summary>
    Task StartAsync(string workflowName, string instanceId, object input, CancellationToken ct = default);

    /// <summary>Stops an instance if it is running (the run's status is set by the caller).</summary>
    Task CancelAsync(string instanceId, CancellationToken ct = default);
}
