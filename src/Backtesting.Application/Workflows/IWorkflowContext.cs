namespace Backtesting.Application.Workflows;

/// <summary>
/// What a workflow may do, mirroring Durable Functions' orchestration context. Workflow code must be
/// deterministic: no I/O, no wall clock (use <see cref="CurrentUtcDateTime"/>), no random numbers,
/// no threads; every piece of work is an activity. A runner may replay the workflow from the start,
/// feeding recorded activity results back.
/// </summary>
public interface IWorkflowContext
{
    /// <summary>The instance id; derived from the run id so starts are idempotent.</summary>
    string InstanceId { get; }

    /// <summary>Replay-safe time (the same value on every replay).</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>True while recorded history is being replayed (log only when false).</summary>
    bool IsReplaying { get; }

    /// <summary>The workflow's input, deserialized.</summary>
    T GetInput<T>();

    /// <summary>Runs (or replays) an activity by name. Several calls may be awaited together to fan out. Workflows call the typed overload.</summary>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input);

    /// <summary>Runs (or replays) <paramref name="activity"/>: input and output are the types the activity declares.</summary>
    Task<TOutput> CallActivityAsync<TInput, TOutput>(ActivityName<TInput, TOutput> activity, TInput input) => CallActivityAsync<TOutput>(activity.Name, input);

    /// <summary>Runs (or replays) a child workflow; big fan-outs are batched through these.</summary>
    Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input, string instanceId);

    /// <summary>Publishes a small status object (progress) readable while the workflow runs.</summary>
    void SetCustomStatus(object? status);
}
