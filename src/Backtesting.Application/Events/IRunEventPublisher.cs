namespace Backtesting.Application.Events;

/// <summary>Where activities announce progress and completion; the local host fans them out to SSE and WebSocket clients.</summary>
public interface IRunEventPublisher
{
    void Publish(RunEvent runEvent);
}
