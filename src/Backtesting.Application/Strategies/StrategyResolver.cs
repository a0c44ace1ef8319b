using Backtesting.Application.Ports;

namespace Backtesting.Application.Strategies;

/// <summary>
/// The one place a request's <c>strategy_id</c> is resolved for its user: a built-in, or that user's own
/// strategy. Every run kind (backtests, grids, random search, walk-forward, Monte Carlo, portfolios,
/// comparisons, schedules) validates and captures its strategies through it.
/// </summary>
public sealed class StrategyResolver(IUserStrategyStore store)
{
    /// <summary>The strategies <paramref name="userId"/> may name.</summary>
    public async Task<UserStrategyScope> ForUserAsync(string userId, CancellationToken ct = default) =>
        new(await store.ListAsync(userId, ct).ConfigureAwait(false));
}
