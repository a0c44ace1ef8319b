using Backtesting.Application.Runs;

namespace Backtesting.Application.Ports;

/// <summary>Runs, their results and trades (<c>backtest_runs</c>, <c>backtest_results</c>, <c>backtest_trades</c>).</summary>
public interface IRunStore
{
    Task CreateAsync(BacktestRun run, CancellationToken ct = default);

    /// <summary>
    /// Stores the run only if its user has fewer than <paramref name="maxActive"/> unfinished runs, as one
    /// atomic step across every process using the database; false (nothing stored) when the user is at the limit.
    /// </summary>
    Task<bool> TryCreateWithinLimitAsync(BacktestRun run, int maxActive, CancellationToken ct = default);

    /// <summary>The run if it belongs to <paramref name="userId"/>; null otherwise (another user's run is "not found").</summary>
    Task<BacktestRun?> GetAsync(string userId, string runId, CancellationToken ct = default);

    /// <summary>The run whoever owns it (for workers and the workflow runner, never for user requests).</summary>
    Task<BacktestRun?> GetByIdAsync(string runId, CancellationToken ct = default);

    /// <summary>A user's runs newest first.</summary>
    Task<Page<BacktestRun>> ListAsync(RunQuery query, CancellationToken ct = default);

    /// <summary>Runs not yet in a terminal status (pending or running), oldest first, for resuming after a restart.</summary>
    Task<IReadOnlyList<BacktestRun>> ListUnfinishedAsync(CancellationToken ct = default);

    /// <summary>Child runs of a parent job (e.g. the cells of an optimization stored as runs), oldest first.</summary>
    Task<IReadOnlyList<BacktestRun>> ListChildrenAsync(string parentRunId, CancellationToken ct = default);

    /// <summary>Moves a run to <paramref name="status"/> only if its current status is one of <paramref name="from"/>; false otherwise.</summary>
    Task<bool> TryTransitionAsync(string runId, IReadOnlyCollection<string> from, string status, string? error = null, CancellationToken ct = default);

    Task UpdateProgressAsync(RunProgress progress, CancellationToken ct = default);

    /// <summary>
    /// Writes the result row, every trade and status <c>completed</c> in one transaction; a failure
    /// midway leaves none of them. Throws when the run is already terminal.
    /// </summary>
    Task CompleteAsync(RunCompletion completion, CancellationToken ct = default);

    Task<RunResultRecord?> GetResultAsync(string runId, CancellationToken ct = default);

    /// <summary>A run's trades in order, one page, with the total count.</summary>
    Task<Page<TradeRecord>> GetTradesAsync(string runId, int offset, int limit, CancellationToken ct = default);

    /// <summary>Runs of a user not in a terminal status (for the concurrent-jobs limit).</summary>
    Task<int> CountActiveAsync(string userId, CancellationToken ct = default);
}
