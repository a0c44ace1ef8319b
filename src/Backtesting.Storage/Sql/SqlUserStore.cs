using Backtesting.Application.Ports;
using Backtesting.Application.Users;
using Dapper;

namespace Backtesting.Storage.Sql;

/// <summary><see cref="IUserStore"/> over <c>users</c> and <c>api_keys</c>; keys exist only as lower-case hex SHA-256 hashes.</summary>
public sealed class SqlUserStore(SqlDatabase database, TimeProvider? clock = null) : IUserStore
{
    private const string UserColumns = "u.id AS Id, u.name AS Name, u.is_admin AS IsAdmin, u.created_at AS CreatedAt";

    private const string KeyColumns =
        "k.user_id AS KeyUserId, k.key_prefix AS KeyPrefix, k.created_at AS KeyCreatedAt, k.expires_at AS KeyExpiresAt, k.revoked_at AS KeyRevokedAt";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task CreateUserAsync(User user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO users (id, name, is_admin, created_at) VALUES (@Id, @Name, @IsAdmin, @CreatedAt)",
            new { user.Id, user.Name, user.IsAdmin, CreatedAt = DbTime.ToDb(user.CreatedAt) }, cancellationToken: ct));
    }

    public async Task<User?> GetUserAsync(string userId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserColumns} FROM users u WHERE u.id = @UserId", new { UserId = userId }, cancellationToken: ct));
        return row is null ? null : new User(row.Id, row.Name, row.IsAdmin, DbTime.FromDb(row.CreatedAt));
    }

    public async Task AddApiKeyAsync(string userId, string keyHash, string keyPrefix, DateTime? expiresAt = null, CancellationToken ct = default)
    {
        if (!IsSha256Hex(keyHash))
            throw new ArgumentException("the key hash must be 64 hex digits (SHA-256)", nameof(keyHash));
        ArgumentNullException.ThrowIfNull(keyPrefix);
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_keys (key_hash, user_id, key_prefix, created_at, expires_at) VALUES (@KeyHash, @UserId, @KeyPrefix, @Now, @ExpiresAt)",
            new { KeyHash = keyHash.ToLowerInvariant(), UserId = userId, KeyPrefix = keyPrefix, Now = DbTime.ToDb(_clock.GetUtcNow().UtcDateTime), ExpiresAt = DbTime.ToDb(expiresAt) },
            cancellationToken: ct));
    }

    public async Task<ApiKeyMatch?> FindApiKeyAsync(string keyHash, CancellationToken ct = default)
    {
        if (!IsSha256Hex(keyHash)) return null;
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            $"SELECT {UserColumns}, {KeyColumns} FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = @Hash",
            new { Hash = keyHash.ToLowerInvariant() }, cancellationToken: ct));
        return row is null ? null : new ApiKeyMatch(new User(row.Id, row.Name, row.IsAdmin, DbTime.FromDb(row.CreatedAt)), row.ToRecord());
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(string userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            $"SELECT {KeyColumns} FROM api_keys k WHERE k.user_id = @UserId ORDER BY k.created_at, k.key_prefix",
            new { UserId = userId }, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<int> RevokeApiKeysAsync(string userId, string? keepKeyHash = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @Now WHERE user_id = @UserId AND revoked_at IS NULL" + (keepKeyHash is null ? "" : " AND key_hash <> @Keep"),
            new { UserId = userId, Keep = keepKeyHash?.ToLowerInvariant(), Now = DbTime.ToDb(_clock.GetUtcNow().UtcDateTime) },
            cancellationToken: ct));
    }

    private static bool IsSha256Hex(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);

    // SQLite returns is_admin as an integer, which Dapper converts for a property but not for a constructor.
    private class UserRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public bool IsAdmin { get; set; }
        public DateTime CreatedAt { get; set; }
    }

    private sealed class KeyRow : UserRow
    {
        public string KeyUserId { get; set; } = "";
        public string KeyPrefix { get; set; } = "";
        public DateTime KeyCreatedAt { get; set; }
        public DateTime? KeyExpiresAt { get; set; }
        public DateTime? KeyRevokedAt { get; set; }

        public ApiKeyRecord ToRecord() =>
            new(KeyUserId, KeyPrefix, DbTime.FromDb(KeyCreatedAt), DbTime.FromDb(KeyExpiresAt), DbTime.FromDb(KeyRevokedAt));
    }
}
