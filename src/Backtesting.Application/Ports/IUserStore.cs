using Backtesting.Application.Users;

namespace Backtesting.Application.Ports;

/// <summary>
/// Users and their API keys; keys are stored only as SHA-256 hashes. On PostgreSQL the service role may only read
/// (look keys up); creating users, issuing and revoking keys is the key-management path, run with the owner
/// connection (the CLI's <c>users</c> and <c>keys</c> commands, a host's start-up).
/// </summary>
public interface IUserStore
{
    Task CreateUserAsync(User user, CancellationToken ct = default);

    Task<User?> GetUserAsync(string userId, CancellationToken ct = default);

    /// <summary>Stores a key hash (hex SHA-256) with a short non-secret prefix for display, expiring at <paramref name="expiresAt"/> (UTC; null: never).</summary>
    Task AddApiKeyAsync(string userId, string keyHash, string keyPrefix, DateTime? expiresAt = null, CancellationToken ct = default);

    /// <summary>The key with this hash and its user, revoked or expired ones included (the caller decides), or null.</summary>
    Task<ApiKeyMatch?> FindApiKeyAsync(string keyHash, CancellationToken ct = default);

    /// <summary>Every key of the user, oldest first (no hashes: nothing secret).</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(string userId, CancellationToken ct = default);

    /// <summary>
    /// Sets <c>revoked_at</c> on every unrevoked key of the user, except the key with hash <paramref name="keepKeyHash"/>
    /// when given; returns how many keys were revoked. Revoked keys stop matching at once.
    /// </summary>
    Task<int> RevokeApiKeysAsync(string userId, string? keepKeyHash = null, CancellationToken ct = default);
}
