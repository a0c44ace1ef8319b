using Backtesting.Application.Ports;
using Backtesting.Application.Strategies;
using Dapper;

namespace Backtesting.Storage.Sql;

/// <summary>
/// <see cref="IUserStrategyStore"/> over the owned rows of <c>trading_strategies</c>, the same queries on
/// PostgreSQL and SQLite. Every statement names the owner, so no query can reach another user's row or a built-in.
/// </summary>
public sealed class SqlUserStrategyStore(SqlDatabase database) : IUserStrategyStore
{
    private const string Columns =
        "owner_user_id AS OwnerUserId, id AS Id, name AS Name, description AS Description, strategy_type AS StrategyType, " +
        "parameters_schema AS ParametersSchema, default_parameters AS DefaultParameters, definition AS Definition, " +
        "created_at AS CreatedAt, updated_at AS UpdatedAt";

    // One statement: the per-user count and the unique (owner, id) index are checked where the row is written.
    private readonly string _insert =
        "INSERT INTO trading_strategies (owner_user_id, id, name, description, strategy_type, parameters_schema, default_parameters, " +
        "definition, is_active, created_at, updated_at) " +
        $"SELECT @OwnerUserId, @Id, @Name, @Description, @StrategyType, {database.Json("@ParametersSchema")}, " +
        $"{database.Json("@DefaultParameters")}, {database.Json("@Definition")}, TRUE, @CreatedAt, @UpdatedAt " +
        "WHERE (SELECT COUNT(*) FROM trading_strategies WHERE owner_user_id = @OwnerUserId) < @MaxPerUser " +
        "ON CONFLICT (owner_user_id, id) WHERE owner_user_id IS NOT NULL DO NOTHING";

    private readonly string _update =
        "UPDATE trading_strategies SET name = @Name, description = @Description, strategy_type = @StrategyType, " +
        $"parameters_schema = {database.Json("@ParametersSchema")}, default_parameters = {database.Json("@DefaultParameters")}, " +
        $"definition = {database.Json("@Definition")}, updated_at = @UpdatedAt WHERE owner_user_id = @OwnerUserId AND id = @Id";

    public async Task<UserStrategyCreateOutcome> CreateAsync(UserStrategy strategy, int maxPerUser, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        await using var connection = await database.OpenAsync(ct);
        var row = Row(strategy);
        int inserted = await connection.ExecuteAsync(new CommandDefinition(_insert, new
        {
            row.OwnerUserId, row.Id, row.Name, row.Description, row.StrategyType, row.ParametersSchema, row.DefaultParameters,
            row.Definition, row.CreatedAt, row.UpdatedAt, MaxPerUser = maxPerUser,
        }, cancellationToken: ct));
        if (inserted == 1) return UserStrategyCreateOutcome.Created;
        bool exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM trading_strategies WHERE owner_user_id = @OwnerUserId AND id = @Id",
            new { strategy.OwnerUserId, strategy.Id }, cancellationToken: ct)) > 0;
        return exists ? UserStrategyCreateOutcome.DuplicateId : UserStrategyCreateOutcome.LimitReached;
    }

    public async Task<UserStrategy?> GetAsync(string ownerUserId, string strategyId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<StrategyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM trading_strategies WHERE owner_user_id = @OwnerUserId AND id = @Id",
            new { OwnerUserId = ownerUserId, Id = strategyId }, cancellationToken: ct));
        return row?.ToStrategy();
    }

    public async Task<bool> UpdateAsync(UserStrategy strategy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(_update, Row(strategy), cancellationToken: ct)) == 1;
    }

    public async Task<bool> DeleteAsync(string ownerUserId, string strategyId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM trading_strategies WHERE owner_user_id = @OwnerUserId AND id = @Id",
            new { OwnerUserId = ownerUserId, Id = strategyId }, cancellationToken: ct)) == 1;
    }

    public async Task<IReadOnlyList<UserStrategy>> ListAsync(string ownerUserId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<StrategyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM trading_strategies WHERE owner_user_id = @OwnerUserId ORDER BY id",
            new { OwnerUserId = ownerUserId }, cancellationToken: ct));
        return rows.Select(r => r.ToStrategy()).ToList();
    }

    private static StrategyRow Row(UserStrategy s) => new()
    {
        OwnerUserId = s.OwnerUserId,
        Id = s.Id,
        Name = s.Name,
        Description = s.Description,
        StrategyType = s.StrategyType,
        ParametersSchema = s.ParametersSchema,
        DefaultParameters = s.DefaultParameters,
        Definition = s.Definition,
        CreatedAt = DbTime.ToDb(s.CreatedAt),
        UpdatedAt = DbTime.ToDb(s.UpdatedAt),
    };

    // Settable properties: PostgreSQL returns jsonb as text through Dapper, SQLite stores text.
    private sealed class StrategyRow
    {
        public string OwnerUserId { get; set; } = "";
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public string StrategyType { get; set; } = "";
        public string ParametersSchema { get; set; } = "{}";
        public string? DefaultParameters { get; set; }
        public string Definition { get; set; } = "{}";
        public DateTime CreatedAt { get; set; }
        public DateTime UpdatedAt { get; set; }

        public UserStrategy ToStrategy() => new()
        {
            OwnerUserId = OwnerUserId,
            Id = Id,
            Name = Name,
            Description = Description ?? "",
            StrategyType = StrategyType,
            ParametersSchema = ParametersSchema,
            DefaultParameters = DefaultParameters ?? "{}",
            Definition = Definition,
            CreatedAt = DbTime.FromDb(CreatedAt),
            UpdatedAt = DbTime.FromDb(UpdatedAt),
        };
    }
}
