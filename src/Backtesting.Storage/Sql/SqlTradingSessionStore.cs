using Backtesting.Application.Ports;
using Backtesting.Application.Sessions;
using Dapper;

namespace Backtesting.Storage.Sql;

/// <summary>
/// <see cref="ITradingSessionStore"/> over <c>trading_sessions</c>, the same queries on PostgreSQL and SQLite. An update
/// is one conditional statement on the version it read, so of two concurrent writes exactly one lands.
/// </summary>
public sealed class SqlTradingSessionStore(SqlDatabase database) : ITradingSessionStore
{
    private const string Columns =
        "id AS Id, user_id AS UserId, status AS Status, version AS Version, asset_symbol AS AssetSymbol, timeframe AS Timeframe, " +
        "terms AS Terms, state AS State, run_id AS RunId, created_at AS CreatedAt, updated_at AS UpdatedAt";

    private readonly string _insertWithinLimit =
        "INSERT INTO trading_sessions (id, user_id, status, version, asset_symbol, timeframe, terms, state, run_id, created_at, updated_at) " +
        $"SELECT @Id, @UserId, @Status, @Version, @AssetSymbol, @Timeframe, {database.Json("@Terms")}, {database.Json("@State")}, @RunId, @CreatedAt, @UpdatedAt " +
        "WHERE (SELECT COUNT(*) FROM trading_sessions WHERE user_id = @UserId AND status = 'active') < @MaxActive";

    private readonly string _update =
        $"UPDATE trading_sessions SET status = @Status, version = @Version, state = {database.Json("@State")}, run_id = @RunId, updated_at = @UpdatedAt " +
        "WHERE id = @Id AND user_id = @UserId AND version = @ExpectedVersion";

    public async Task<bool> TryCreateWithinLimitAsync(TradingSessionRecord session, int maxActive, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxActive);
        var parameters = new DynamicParameters(ToDb(session));
        parameters.Add("MaxActive", maxActive);
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // the same per-user lock as run submissions: two creations never count the same rows
        if (database.LockUserRunsSql is { } lockUser)
            await connection.ExecuteAsync(new CommandDefinition(lockUser, new { session.UserId }, transaction, cancellationToken: ct));
        int inserted = await connection.ExecuteAsync(new CommandDefinition(_insertWithinLimit, parameters, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return inserted == 1;
    }

    public async Task<TradingSessionRecord?> GetAsync(string userId, string sessionId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM trading_sessions WHERE id = @SessionId AND user_id = @UserId", new { SessionId = sessionId, UserId = userId }, cancellationToken: ct));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<TradingSessionRecord>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<SessionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM trading_sessions WHERE user_id = @UserId ORDER BY created_at DESC, id DESC", new { UserId = userId }, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<bool> TryUpdateAsync(TradingSessionRecord session, long expectedVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var parameters = new DynamicParameters(ToDb(session));
        parameters.Add("ExpectedVersion", expectedVersion);
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(_update, parameters, cancellationToken: ct)) == 1;
    }

    private static SessionRow ToDb(TradingSessionRecord s) => new()
    {
        Id = s.Id, UserId = s.UserId, Status = s.Status, Version = s.Version, AssetSymbol = s.AssetSymbol, Timeframe = s.Timeframe, Terms = s.Terms,
        State = s.State, RunId = s.RunId, CreatedAt = DbTime.ToDb(s.CreatedAt), UpdatedAt = DbTime.ToDb(s.UpdatedAt),
    };

    // Settable properties: SQLite returns integers as 64-bit values, which Dapper converts for a property but not for a constructor.
    private sealed class SessionRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string Status { get; set; } = "";
        public long Version { get; set; }
        public string AssetSymbol { get; set; } = "";
        public string Timeframe { get; set; } = "";
        public string Terms { get; set; } = "{}";
        public string State { get; set; } = "{}";
        public string? RunId { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime UpdatedAt { get; set; }

        public TradingSessionRecord ToRecord() => new()
        {
            Id = Id, UserId = UserId, Status = Status, Version = Version, AssetSymbol = AssetSymbol, Timeframe = Timeframe, Terms = Terms, State = State,
            RunId = RunId, CreatedAt = DbTime.FromDb(CreatedAt), UpdatedAt = DbTime.FromDb(UpdatedAt),
        };
    }
}
