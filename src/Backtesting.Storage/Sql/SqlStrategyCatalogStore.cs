using System.Text.Json;
using Backtesting.Application.Ports;
using Backtesting.Engine.Strategies;
using Dapper;

namespace Backtesting.Storage.Sql;

/// <summary><see cref="IStrategyCatalogStore"/> over the built-in rows of <c>trading_strategies</c> (no owner): one upsert per strategy in one transaction.</summary>
public sealed class SqlStrategyCatalogStore(SqlDatabase database, TimeProvider? clock = null) : IStrategyCatalogStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private readonly string _upsert =
        "INSERT INTO trading_strategies (id, name, description, strategy_type, parameters_schema, default_parameters, " +
        $"is_active, created_at, updated_at) VALUES (@Id, @Name, @Description, @StrategyType, {database.Json("@ParametersSchema")}, " +
        $"{database.Json("@DefaultParameters")}, TRUE, @Now, @Now) ON CONFLICT (id) WHERE owner_user_id IS NULL DO UPDATE SET name = excluded.name, " +
        "description = excluded.description, strategy_type = excluded.strategy_type, parameters_schema = excluded.parameters_schema, " +
        "default_parameters = excluded.default_parameters, is_active = TRUE, updated_at = excluded.updated_at";

    public async Task UpsertAsync(IEnumerable<StrategyDefinition> strategies, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        DateTime now = DbTime.ToDb(_clock.GetUtcNow().UtcDateTime);
        var rows = strategies.Select(s => new
        {
            s.Id,
            s.Name,
            s.Description,
            s.StrategyType,
            ParametersSchema = s.ParametersSchema().ToJsonString(),
            DefaultParameters = JsonSerializer.Serialize(s.DefaultParameters),
            Now = now,
        }).ToList();
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(_upsert, rows, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM trading_strategies WHERE is_active AND owner_user_id IS NULL ORDER BY id", cancellationToken: ct));
        return ids.ToList();
    }
}
