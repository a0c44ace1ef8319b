namespace Backtesting.Application.Events;

/// <summary>
/// Live event sources (runs, trading sessions) written in this process: their events reach the <see cref="RunEventHub"/>,
/// so a live stream waits on the hub alone while a source is active here. A source written elsewhere (another instance,
/// a Durable worker) publishes nothing here and is followed by polling the store. Every stream applies this one rule
/// (the Http layer's ServerSentEvents.FollowAsync); a host without an implementation polls.
/// </summary>
public interface ILocalEventSource
{
    /// <summary>True while the source's writes happen in this process.</summary>
    bool IsActive(string id);

    /// <summary>Completes when the source is no longer written in this process (at once if it never was).</summary>
    Task WhenIdleAsync(string id);
}
