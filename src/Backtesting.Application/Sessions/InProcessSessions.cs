using Backtesting.Application.Events;

namespace Backtesting.Application.Sessions;

/// <summary>A single-process host's sessions: every write happens here, so every session is active here for as long as it is followed.</summary>
public sealed class InProcessSessions : ILocalSessions
{
    private static readonly Task Never = new TaskCompletionSource().Task;

    public bool IsActive(string id) => true;

    public Task WhenIdleAsync(string id) => Never;
}
