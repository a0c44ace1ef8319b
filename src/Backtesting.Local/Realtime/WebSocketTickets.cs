using System.Collections.Concurrent;
using System.Security.Cryptography;
using Backtesting.Application.Users;

namespace Backtesting.Local.Realtime;

/// <summary>
/// Short-lived, single-use tickets that let a browser open /ws: browsers cannot set headers on a
/// WebSocket, and a key in the query string ends up in logs and history. An authenticated
/// <c>POST /api/ws-ticket</c> issues one; the first /ws connection that presents it consumes it.
/// </summary>
public sealed class WebSocketTickets(TimeProvider time)
{
    /// <summary>How long a ticket stays valid after it is issued.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (User User, DateTimeOffset Expires)> _tickets = new(StringComparer.Ordinal);

    public string Issue(User user)
    {
        var now = time.GetUtcNow();
        foreach (var (stale, entry) in _tickets)
            if (entry.Expires <= now) _tickets.TryRemove(stale, out _);
        string ticket = "wst_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _tickets[ticket] = (user, now + Lifetime);
        return ticket;
    }

    /// <summary>The ticket's user, once; null for an unknown, used or expired ticket.</summary>
    public User? Redeem(string? ticket) =>
        ticket is not null && _tickets.TryRemove(ticket, out var entry) && entry.Expires > time.GetUtcNow() ? entry.User : null;
}
