using Backtesting.Application.Users;

namespace Backtesting.Application.Ports;

/// <summary>Users and their API keys; keys are stored only as SHA-256 hashes.</summary>
public interface IUserStore
{
    Task CreateUserAsync(User user, CancellationToken ct = default);

    Task<User?> GetUserAsync(string userId, CancellationToken ct = default);

    /// <summary>Stores a key hash (hex SHA-256) with a short non-secret prefix for display.</summary>
    Task AddApiKeyAsync(string userId, string keyHash, string keyPrefix, CancellationToken ct = default);

    /// <summary>The user owning the key with this hash, or null (revoked keys never match).</summary>
    Task<User?> FindByApiKeyHashAsync(string keyHash, CancellationToken ct = default);

    /// <summary>
    /// Sets <c>revoked_at</c> on every unrevoked key of the user, except the key with hash <paramref name="keepKeyHash"/>
    /// when given; returns how many keys were revoked. Revoked keys stop matching at once.
    /// </summary>
    Task<int> RevokeApiKeysAsync(string userId, string? keepKeyHash = null, CancellationToken ct = default);
}
