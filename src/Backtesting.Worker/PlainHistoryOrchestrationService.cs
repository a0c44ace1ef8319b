using DurableTask.Core;
using DurableTask.Core.History;

namespace Backtesting.Worker;

/// <summary>
/// The backend as the gRPC sidecar sees it, with what the sidecar of Microsoft.DurableTask.InProcessTestHost
/// 0.2.3-preview.1 (written for its in-memory backend) gets wrong for a persistent one repaired before anything is written:
/// <list type="bullet">
/// <item>it hands a sub-orchestration's start event (and may hand a scheduled task) the protobuf tag map itself; the Azure
/// Storage backend writes queue messages with .NET type names and cannot read that type back, so the sub-orchestration
/// never starts. Tags are copied into plain dictionaries (the newer sidecar source does the same copy).</item>
/// <item>it records a sub-orchestration's creation as its own subclass of <see cref="SubOrchestrationInstanceCreatedEvent"/>,
/// which the history table stores without an event type, so the parent's history can no longer be read. The plain
/// event takes its place (only a trace context is lost).</item>
/// </list>
/// </summary>
public sealed class PlainHistoryOrchestrationService(IOrchestrationService inner) : IOrchestrationService
{
    public Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState)
    {
        foreach (var message in outboundMessages.Concat(orchestratorMessages).Concat(timerMessages).Append(continuedAsNewMessage))
            if (message is not null) Repair(message.Event);
        if (newOrchestrationRuntimeState is not null)
        {
            PlainEvents(newOrchestrationRuntimeState.NewEvents);
            PlainEvents(newOrchestrationRuntimeState.Events);
        }
        if (orchestrationState?.Tags is { } tags && tags.GetType() != typeof(Dictionary<string, string>))
            orchestrationState.Tags = new Dictionary<string, string>(tags);
        return inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    private static void PlainEvents(IList<HistoryEvent> events)
    {
        for (int i = 0; i < events.Count; i++)
        {
            Repair(events[i]);
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    ClientSpanId = created.ClientSpanId,
                    Tags = created.Tags is null ? null : new Dictionary<string, string>(created.Tags),
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                };
        }
    }

    private static void Repair(HistoryEvent historyEvent)
    {
        switch (historyEvent)
        {
            case ExecutionStartedEvent started when started.Tags is { } tags && tags.GetType() != typeof(Dictionary<string, string>):
                started.Tags = new Dictionary<string, string>(tags);
                break;
            case TaskScheduledEvent scheduled when scheduled.Tags is { } tags && tags.GetType() != typeof(Dictionary<string, string>):
                scheduled.Tags = new Dictionary<string, string>(tags);
                break;
        }
    }

    public Task StartAsync() => inner.StartAsync();
    public Task StopAsync() => inner.StopAsync();
    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);
    public Task CreateAsync() => inner.CreateAsync();
    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);
    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();
    public Task DeleteAsync() => inner.DeleteAsync();
    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);
    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;
    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;
    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) => inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);
    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;
    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;
    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) => inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);
    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);
}
