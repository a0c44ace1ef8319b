using Backtesting.Application.Ports;
using Backtesting.Engine.Strategies;

namespace Backtesting.Application.Strategies;

/// <summary>
/// The one place a request's <c>strategy_id</c> is resolved for its user: a built-in, or that user's own
/// strategy. Every run kind (backtests, grids, random search, walk-forward, Monte Carlo, portfolios,
/// comparisons, schedules) validates and captures its strategies through it.
/// </summary>
public sealed class StrategyResolver(IUserStrategyStore store)
{
    private static readonly UserStrategyScope BuiltInsOnly = new([]);

    /// <summary>The strategies <paramref name="userId"/> may name.</summary>
    public async Task<UserStrategyScope> ForUserAsync(string userId, CancellationToken ct = default) =>
        new(await store.ListAsync(userId, ct).ConfigureAwait(false));

    /// <summary>
    /// The strategies a request naming <paramref name="strategyIds"/> resolves against: when every id is a built-in, the
    /// built-ins alone, without reading the user's rows (a user's strategy id is never a built-in id, so they cannot change
    /// what those ids mean; issue 17, one store read less per submit); otherwise <see cref="ForUserAsync"/>.
    /// </summary>
    public Task<UserStrategyScope> ForRequestAsync(string userId, IEnumerable<string?> strategyIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(strategyIds);
        return strategyIds.All(id => StrategyCatalog.Find(id) is not null) ? Task.FromResult(BuiltInsOnly) : ForUserAsync(userId, ct);
    }
}
