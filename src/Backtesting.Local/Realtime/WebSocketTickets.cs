using System.Collections.Concurrent;
using System.Security.Cryptography;
using Backtesting.Application.Users;

namespace Backtesting.Local.Realtime;

/// <summary>
/// Short-lived, single-use tickets that let a browser open /ws: browsers cannot set headers on a
/// WebSocket, and a key in the query string ends up in logs and history. An authenticated
/// <c>POST /api/ws-ticket</c> issues one; the first /ws connection that presents it consumes it. A ticket
/// stands for the key it was issued to: redeeming it checks that key again, so revoking or expiry takes effect
/// on tickets already handed out.
/// </summary>
public sealed class WebSocketTickets(TimeProvider time, ApiKeyService keys)
{
    /// <summary>How long a ticket stays valid after it is issued.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (User User, string? KeyHash, DateTimeOffset Expires)> _tickets = new(StringComparer.Ordinal);

    /// <param name="user">The caller.</param>
    /// <param name="key">The API key the caller presented, or null (the keyless local user of local-development mode).</param>
    public string Issue(User user, string? key)
    {
        var now = time.GetUtcNow();
        foreach (var (stale, entry) in _tickets)
            if (entry.Expires <= now) _tickets.TryRemove(stale, out _);
        string ticket = "wst_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _tickets[ticket] = (user, key is null ? null : ApiKeyService.Hash(key), now + Lifetime);
        return ticket;
    }

    /// <summary>The ticket's user, once, while its key is still valid; refused for an unknown, used or expired ticket, or a key revoked or expired since.</summary>
    public async Task<ApiKeyCheck> RedeemAsync(string? ticket, CancellationToken ct = default)
    {
        if (ticket is null || !_tickets.TryRemove(ticket, out var entry) || entry.Expires <= time.GetUtcNow())
            return ApiKeyCheck.NotValid;
        if (entry.KeyHash is null)
            return ApiKeyCheck.Accepted(entry.User);
        // a key belongs to one user for good; what can change is its state (revoked, expired): that refusal is passed on
        var check = await keys.CheckHashAsync(entry.KeyHash, ct).ConfigureAwait(false);
        return check.User is null ? check : ApiKeyCheck.Accepted(entry.User);
    }
}
