using System.Security.Cryptography;
using System.Text;
using Backtesting.Application.Ports;

namespace Backtesting.Application.Users;

/// <summary>
/// Creates users with API keys and resolves keys to users. Only SHA-256 hashes of keys are stored. Issuing and
/// revoking need a store over the key-management (owner) connection; checking keys only reads. With an
/// <see cref="ApiKeyCache"/> (the hosts' registration) keys and users found are reused for a few seconds, and this
/// service's revocations and rotations take effect at once (see <see cref="ApiKeyCacheOptions.KeyCacheSeconds"/>).
/// </summary>
public sealed class ApiKeyService(IUserStore users, TimeProvider time, ApiKeyCache? cache = null)
{
    public const string KeyPrefix = "btk_";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>
    /// Creates a user (if new) and a fresh key valid for <paramref name="lifetime"/> (null: until revoked); the
    /// plaintext key is returned once and never stored.
    /// </summary>
    public async Task<(User User, string ApiKey)> CreateUserWithKeyAsync(string userId, string name, bool isAdmin, TimeSpan? lifetime = null, CancellationToken ct = default)
    {
        var user = await users.GetUserAsync(userId, ct).ConfigureAwait(false);
        if (user is null)
        {
            user = new User(userId, name, isAdmin, time.GetUtcNow().UtcDateTime);
            await users.CreateUserAsync(user, ct).ConfigureAwait(false);
        }
        return (user, await AddKeyAsync(user.Id, lifetime, ct).ConfigureAwait(false));
    }

    /// <summary>Issues one more key for an existing user, valid for <paramref name="lifetime"/> (null: until revoked); returned once.</summary>
    public async Task<string> CreateKeyAsync(string userId, TimeSpan? lifetime = null, CancellationToken ct = default)
    {
        await RequireUserAsync(userId, ct).ConfigureAwait(false);
        return await AddKeyAsync(userId, lifetime, ct).ConfigureAwait(false);
    }

    /// <summary>Every key of an existing user (prefix, created, expires, revoked), oldest first.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(string userId, CancellationToken ct = default)
    {
        await RequireUserAsync(userId, ct).ConfigureAwait(false);
        return await users.ListApiKeysAsync(userId, ct).ConfigureAwait(false);
    }

    /// <summary>Revokes every key of an existing user (refused from the next request on); returns how many were revoked.</summary>
    public async Task<int> RevokeAllKeysAsync(string userId, CancellationToken ct = default)
    {
        await RequireUserAsync(userId, ct).ConfigureAwait(false);
        return await RevokeKeysAsync(userId, keepKeyHash: null, ct).ConfigureAwait(false);
    }

    /// <summary>Issues a new key for an existing user, then revokes all their other keys; the plaintext key is returned once.</summary>
    public async Task<(string ApiKey, int Revoked)> RotateKeyAsync(string userId, TimeSpan? lifetime = null, CancellationToken ct = default)
    {
        await RequireUserAsync(userId, ct).ConfigureAwait(false);
        // new key first: a failure between the two steps leaves the user with keys, never with none
        string key = await AddKeyAsync(userId, lifetime, ct).ConfigureAwait(false);
        int revoked = await RevokeKeysAsync(userId, Hash(key), ct).ConfigureAwait(false);
        return (key, revoked);
    }

    private async Task<int> RevokeKeysAsync(string userId, string? keepKeyHash, CancellationToken ct)
    {
        try
        {
            return await users.RevokeApiKeysAsync(userId, keepKeyHash, ct).ConfigureAwait(false);
        }
        finally
        {
            cache?.ForgetUser(userId); // also when the outcome is unknown (cancelled, failed): nothing stale is served
        }
    }

    private async Task RequireUserAsync(string userId, CancellationToken ct)
    {
        if (await users.GetUserAsync(userId, ct).ConfigureAwait(false) is null)
            throw new KeyNotFoundException($"no user with id '{userId}'");
    }

    private async Task<string> AddKeyAsync(string userId, TimeSpan? lifetime, CancellationToken ct)
    {
        if (lifetime is { } span && span <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(lifetime), span, "a key's lifetime must be positive");
        DateTime? expiresAt = lifetime is { } life ? time.GetUtcNow().UtcDateTime + life : null;
        string key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', 'a').Replace('/', 'b').TrimEnd('=');
        await users.AddApiKeyAsync(userId, Hash(key), key[..(KeyPrefix.Length + 6)], expiresAt, ct).ConfigureAwait(false);
        return key;
    }

    /// <summary>Ensures a user exists (e.g. the local development user) without creating keys.</summary>
    public async Task<User> EnsureUserAsync(string userId, string name, bool isAdmin, CancellationToken ct = default)
    {
        if (cache is not null && cache.TryGetUser(userId, out var known)) return known;
        long generation = cache?.Generation ?? 0;
        var user = await users.GetUserAsync(userId, ct).ConfigureAwait(false);
        if (user is null)
        {
            user = new User(userId, name, isAdmin, time.GetUtcNow().UtcDateTime);
            await users.CreateUserAsync(user, ct).ConfigureAwait(false);
        }
        cache?.StoreUser(user, generation);
        return user;
    }

    /// <summary>The key's user, or why it is refused (unknown, revoked: not valid; past its expiry: expired).</summary>
    public async Task<ApiKeyCheck> CheckAsync(string? key, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200) return ApiKeyCheck.NotValid;
        return await CheckHashAsync(Hash(key.Trim()), ct).ConfigureAwait(false);
    }

    /// <summary>As <see cref="CheckAsync"/>, for a key known only by its hash (e.g. the key a WebSocket ticket was issued to).</summary>
    public async Task<ApiKeyCheck> CheckHashAsync(string keyHash, CancellationToken ct = default)
    {
        var match = await FindKeyAsync(keyHash, ct).ConfigureAwait(false);
        return match?.Key.StatusAt(time.GetUtcNow().UtcDateTime) switch
        {
            ApiKeyStatus.Active => ApiKeyCheck.Accepted(match.User),
            ApiKeyStatus.Expired => ApiKeyCheck.Expired,
            _ => ApiKeyCheck.NotValid,
        };
    }

    private async Task<ApiKeyMatch?> FindKeyAsync(string keyHash, CancellationToken ct)
    {
        if (cache is null) return await users.FindApiKeyAsync(keyHash, ct).ConfigureAwait(false);
        if (cache.TryGetKey(keyHash, out var known)) return known;
        long generation = cache.Generation;
        var match = await users.FindApiKeyAsync(keyHash, ct).ConfigureAwait(false);
        if (match is not null) cache.StoreKey(keyHash, match, generation);
        return match;
    }

    /// <summary>The key's user; null for a missing, unknown, revoked or expired key.</summary>
    public async Task<User?> AuthenticateAsync(string? key, CancellationToken ct = default) =>
        (await CheckAsync(key, ct).ConfigureAwait(false)).User;
}
