using System.Security.Cryptography;
using System.Text;
using Backtesting.Application.Ports;

namespace Backtesting.Application.Users;

/// <summary>Creates users with API keys and resolves keys to users. Only SHA-256 hashes of keys are stored.</summary>
public sealed class ApiKeyService(IUserStore users, TimeProvider time)
{
    public const string KeyPrefix = "btk_";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Creates a user (if new) and a fresh key; the plaintext key is returned once and never stored.</summary>
    public async Task<(User User, string ApiKey)> CreateUserWithKeyAsync(string userId, string name, bool isAdmin, CancellationToken ct = default)
    {
        var user = await users.GetUserAsync(userId, ct).ConfigureAwait(false);
        if (user is null)
        {
            user = new User(userId, name, isAdmin, time.GetUtcNow().UtcDateTime);
            await users.CreateUserAsync(user, ct).ConfigureAwait(false);
        }
        return (user, await AddKeyAsync(user.Id, ct).ConfigureAwait(false));
    }

    /// <summary>Revokes every key of an existing user (refused from the next request on); returns how many were revoked.</summary>
    public async Task<int> RevokeAllKeysAsync(string userId, CancellationToken ct = default)
    {
        await RequireUserAsync(userId, ct).ConfigureAwait(false);
        return await users.RevokeApiKeysAsync(userId, ct: ct).ConfigureAwait(false);
    }

    /// <summary>Issues a new key for an existing user, then revokes all their other keys; the plaintext key is returned once.</summary>
    public async Task<(string ApiKey, int Revoked)> RotateKeyAsync(string userId, CancellationToken ct = default)
    {
        await RequireUserAsync(userId, ct).ConfigureAwait(false);
        // new key first: a failure between the two steps leaves the user with keys, never with none
        string key = await AddKeyAsync(userId, ct).ConfigureAwait(false);
        int revoked = await users.RevokeApiKeysAsync(userId, Hash(key), ct).ConfigureAwait(false);
        return (key, revoked);
    }

    private async Task RequireUserAsync(string userId, CancellationToken ct)
    {
        if (await users.GetUserAsync(userId, ct).ConfigureAwait(false) is null)
            throw new KeyNotFoundException($"no user with id '{userId}'");
    }

    private async Task<string> AddKeyAsync(string userId, CancellationToken ct)
    {
        string key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', 'a').Replace('/', 'b').TrimEnd('=');
        await users.AddApiKeyAsync(userId, Hash(key), key[..(KeyPrefix.Length + 6)], ct).ConfigureAwait(false);
        return key;
    }

    /// <summary>Ensures a user exists (e.g. the local development user) without creating keys.</summary>
    public async Task<User> EnsureUserAsync(string userId, string name, bool isAdmin, CancellationToken ct = default)
    {
        var user = await users.GetUserAsync(userId, ct).ConfigureAwait(false);
        if (user is not null) return user;
        user = new User(userId, name, isAdmin, time.GetUtcNow().UtcDateTime);
        await users.CreateUserAsync(user, ct).ConfigureAwait(false);
        return user;
    }

    public async Task<User?> AuthenticateAsync(string? key, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200) return null;
        return await users.FindByApiKeyHashAsync(Hash(key.Trim()), ct).ConfigureAwait(false);
    }
}
