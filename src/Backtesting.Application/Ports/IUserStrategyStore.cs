using Backtesting.Application.Strategies;

namespace Backtesting.Application.Ports;

/// <summary>
/// Users' own strategies (rows of <c>trading_strategies</c> with an owner; built-in rows are not touched).
/// Every call is scoped to one owner: another user's strategy is "not found".
/// </summary>
public interface IUserStrategyStore
{
    /// <summary>Stores a new strategy unless its owner has one with that id or already has <paramref name="maxPerUser"/> strategies.</summary>
    Task<UserStrategyCreateOutcome> CreateAsync(UserStrategy strategy, int maxPerUser, CancellationToken ct = default);

    /// <summary>The owner's strategy with that id; null when there is none.</summary>
    Task<UserStrategy?> GetAsync(string ownerUserId, string strategyId, CancellationToken ct = default);

    /// <summary>Replaces the definition (and derived columns) of an existing strategy, keeping its creation time; false when the owner has none with that id.</summary>
    Task<bool> UpdateAsync(UserStrategy strategy, CancellationToken ct = default);

    /// <summary>Deletes the owner's strategy; false when there is none with that id.</summary>
    Task<bool> DeleteAsync(string ownerUserId, string strategyId, CancellationToken ct = default);

    /// <summary>The owner's strategies by id.</summary>
    Task<IReadOnlyList<UserStrategy>> ListAsync(string ownerUserId, CancellationToken ct = default);
}
