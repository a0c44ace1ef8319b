using Backtesting.Engine.Strategies;

namespace Backtesting.Application.Ports;

/// <summary>The <c>trading_strategies</c> table, kept in step with the engine's catalog at start-up.</summary>
public interface IStrategyCatalogStore
{
    /// <summary>Inserts or updates every strategy (name, description, type, parameters schema, defaults).</summary>
    Task UpsertAsync(IEnumerable<StrategyDefinition> strategies, CancellationToken ct = default);

    /// <summary>Ids of the active built-in strategies stored (users' own strategies are not listed).</summary>
    Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken ct = default);
}
