using Backtesting.Application.Sessions;

namespace Backtesting.Application.Ports;

/// <summary>Trading sessions (<c>trading_sessions</c>): each one stored whole, with a version for optimistic concurrency.</summary>
public interface ITradingSessionStore
{
    /// <summary>Stores the session only if its user has fewer than <paramref name="maxActive"/> active sessions; false (nothing stored) otherwise.</summary>
    Task<bool> TryCreateWithinLimitAsync(TradingSessionRecord session, int maxActive, CancellationToken ct = default);

    /// <summary>The session if it belongs to <paramref name="userId"/>; null otherwise (another user's session is "not found").</summary>
    Task<TradingSessionRecord?> GetAsync(string userId, string sessionId, CancellationToken ct = default);

    /// <summary>A user's sessions, newest first.</summary>
    Task<IReadOnlyList<TradingSessionRecord>> ListAsync(string userId, CancellationToken ct = default);

    /// <summary>
    /// Replaces the stored session with <paramref name="session"/> (whose version is the next one) only if the stored
    /// version is still <paramref name="expectedVersion"/>; false (nothing written) when another write came first.
    /// </summary>
    Task<bool> TryUpdateAsync(TradingSessionRecord session, long expectedVersion, CancellationToken ct = default);
}
