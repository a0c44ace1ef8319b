using Backtesting.Application.Ports;
using Backtesting.Application.Users;
using Dapper;

namespace Backtesting.Storage.Sql;

/// <summary><see cref="IUserStore"/> over <c>users</c> and <c>api_keys</c>; keys exist only as lower-case hex SHA-256 hashes.</summary>
public sealed class SqlUserStore(SqlDatabase database, TimeProvider? clock = null) : IUserStore
{
    private const string UserColumns = "u.id AS Id, u.name AS Name, u.is_admin AS IsAdmin, u.created_at AS CreatedAt";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task CreateUserAsync(User user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO users (id, name, is_admin, created_at) VALUES (@Id, @Name, @IsAdmin, @CreatedAt)",
            new { user.Id, user.Name, user.IsAdmin, CreatedAt = DbTime.ToDb(user.CreatedAt) }, cancellationToken: ct));
    }

    public Task<User?> GetUserAsync(string userId, CancellationToken ct = default) =>
        QueryUserAsync($"SELECT {UserColumns} FROM users u WHERE u.id = @Value", userId, ct);

    public async Task AddApiKeyAsync(string userId, string keyHash, string keyPrefix, CancellationToken ct = default)
    {
        if (!IsSha256Hex(keyHash))
            throw new ArgumentException("the key hash must be 64 hex digits (SHA-256)", nameof(keyHash));
        ArgumentNullException.ThrowIfNull(keyPrefix);
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_keys (key_hash, user_id, key_prefix, created_at) VALUES (@KeyHash, @UserId, @KeyPrefix, @Now)",
            new { KeyHash = keyHash.ToLowerInvariant(), UserId = userId, KeyPrefix = keyPrefix, Now = DbTime.ToDb(_clock.GetUtcNow().UtcDateTime) },
            cancellationToken: ct));
    }

    public Task<User?> FindByApiKeyHashAsync(string keyHash, CancellationToken ct = default) =>
        IsSha256Hex(keyHash)
            ? QueryUserAsync($"SELECT {UserColumns} FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = @Value AND k.revoked_at IS NULL", keyHash.ToLowerInvariant(), ct)
            : Task.FromResult<User?>(null);

    public async Task<int> RevokeApiKeysAsync(string userId, string? keepKeyHash = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @Now WHERE user_id = @UserId AND revoked_at IS NULL" + (keepKeyHash is null ? "" : " AND key_hash <> @Keep"),
            new { UserId = userId, Keep = keepKeyHash?.ToLowerInvariant(), Now = DbTime.ToDb(_clock.GetUtcNow().UtcDateTime) },
            cancellationToken: ct));
    }

    private async Task<User?> QueryUserAsync(string sql, string value, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(sql, new { Value = value }, cancellationToken: ct));
        return row is null ? null : new User(row.Id, row.Name, row.IsAdmin, DbTime.FromDb(row.CreatedAt));
    }

    private static bool IsSha256Hex(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);

    // SQLite returns is_admin as an integer, which Dapper converts for a property but not for a constructor.
    private sealed class UserRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public bool IsAdmin { get; set; }
        public DateTime CreatedAt { get; set; }
    }
}
