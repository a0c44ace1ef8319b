namespace Backtesting.Application.Sessions;

/// <summary>
/// The write lost to another (a stale version) or the session is closed; hosts answer 409 with
/// <see cref="CurrentVersion"/> so the caller can re-read and retry.
/// </summary>
public sealed class SessionConflictException(string message, long currentVersion) : Exception(message)
{
    public long CurrentVersion { get; } = currentVersion;
}
