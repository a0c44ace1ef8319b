namespace Backtesting.Application.Events;

/// <summary>
/// The runs this process executes itself (the in-process runner). Their events reach the <see cref="RunEventHub"/>, so a
/// live stream can wait on the hub alone; a run executed elsewhere (another instance, a Durable worker) publishes nothing
/// here and is followed by polling the store.
/// </summary>
public interface ILocalRuns
{
    /// <summary>True while the run is queued or running in this process.</summary>
    bool IsActive(string runId);

    /// <summary>Completes when the run is no longer queued or running in this process (at once if it never was).</summary>
    Task WhenIdleAsync(string runId);
}
