namespace Backtesting.Application.Events;

/// <summary>
/// The runs this process executes itself (the in-process runner): active while queued or running here, idle once they left
/// (ended, or handed to nobody). A run executed elsewhere (another instance, a Durable worker) is never active here.
/// </summary>
public interface ILocalRuns : ILocalEventSource;
