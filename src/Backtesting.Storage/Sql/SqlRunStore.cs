using System.Data.Common;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Dapper;

namespace Backtesting.Storage.Sql;

/// <summary>
/// <see cref="IRunStore"/> over <c>backtest_runs</c>, <c>backtest_results</c> and <c>backtest_trades</c>,
/// the same queries on PostgreSQL and SQLite. Completion writes the result, every trade (in bulk)
/// and the final status in one transaction.
/// </summary>
public sealed class SqlRunStore(SqlDatabase database, TimeProvider? clock = null) : IRunStore
{
    private const string RunColumns =
        "id AS Id, user_id AS UserId, kind AS Kind, strategy_id AS StrategyId, asset_id AS AssetSymbol, " +
        "start_date AS StartDate, end_date AS EndDate, initial_capital AS InitialCapital, parameters AS Parameters, " +
        "status AS Status, progress AS Progress, current_bar_date AS CurrentDate, trades_executed AS TradesExecuted, " +
        "error AS Error, request AS Request, parent_run_id AS ParentRunId, created_at AS CreatedAt, " +
        "updated_at AS UpdatedAt, completed_at AS CompletedAt";

    private const string ResultColumns =
        "id AS Id, backtest_run_id AS RunId, final_capital AS FinalCapital, total_return AS TotalReturn, " +
        "sharpe_ratio AS SharpeRatio, max_drawdown AS MaxDrawdown, win_rate AS WinRate, total_trades AS TotalTrades, " +
        "winning_trades AS WinningTrades, losing_trades AS LosingTrades, avg_win AS AvgWin, avg_loss AS AvgLoss, " +
        "profit_factor AS ProfitFactor, metrics AS Metrics, equity_curve AS EquityCurve, curve_blob AS CurveBlob, " +
        "created_at AS CreatedAt";

    private const string TradeColumns =
        "id AS Id, backtest_run_id AS RunId, sequence AS Sequence, entry_date AS EntryDate, exit_date AS ExitDate, " +
        "direction AS Direction, entry_price AS EntryPrice, exit_price AS ExitPrice, quantity AS Quantity, pnl AS Pnl, " +
        "pnl_percent AS PnlPercent, status AS Status, fees AS Fees, exit_reason AS ExitReason";

    private const string Unfinished = "status IN ('pending', 'running')";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private const string InsertRunInto =
        "INSERT INTO backtest_runs (id, user_id, kind, strategy_id, asset_id, start_date, end_date, initial_capital, " +
        "parameters, status, progress, current_bar_date, trades_executed, error, request, parent_run_id, created_at, " +
        "updated_at, completed_at) ";

    private readonly string _runValues =
        "@Id, @UserId, @Kind, @StrategyId, @AssetSymbol, @StartDate, @EndDate, " +
        $"@InitialCapital, {database.Json("@Parameters")}, @Status, @Progress, @CurrentDate, @TradesExecuted, @Error, " +
        $"{database.Json("@Request")}, @ParentRunId, @CreatedAt, @UpdatedAt, @CompletedAt";

    private string InsertRun => $"{InsertRunInto}VALUES ({_runValues})";

    // one statement: the count and the insert cannot interleave with another submission's (SQLite takes the
    // write lock before the statement reads; PostgreSQL callers hold the user's advisory lock around it)
    private string InsertRunWithinLimit =>
        $"{InsertRunInto}SELECT {_runValues} WHERE (SELECT COUNT(*) FROM backtest_runs WHERE user_id = @UserId AND {Unfinished}) < @MaxActive";

    private readonly string _insertResult =
        "INSERT INTO backtest_results (id, backtest_run_id, final_capital, total_return, sharpe_ratio, max_drawdown, " +
        "win_rate, total_trades, winning_trades, losing_trades, avg_win, avg_loss, profit_factor, metrics, equity_curve, " +
        "curve_blob, created_at) VALUES (@Id, @RunId, @FinalCapital, @TotalReturn, @SharpeRatio, @MaxDrawdown, @WinRate, " +
        "@TotalTrades, @WinningTrades, @LosingTrades, @AvgWin, @AvgLoss, @ProfitFactor, " +
        $"{database.Json("@Metrics")}, {database.Json("@EquityCurve")}, @CurveBlob, @CreatedAt)";

    private readonly string _transition =
        "UPDATE backtest_runs SET status = @Status, error = COALESCE(@Error, error), updated_at = @Now, " +
        $"completed_at = COALESCE(@CompletedAt, completed_at) WHERE id = @RunId AND {database.In("status", "@From")}";

    public async Task CreateAsync(BacktestRun run, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var connection = await database.OpenForWriteAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(InsertRun, ToDb(run), cancellationToken: ct));
    }

    public async Task<bool> TryCreateWithinLimitAsync(BacktestRun run, int maxActive, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxActive);
        var parameters = new DynamicParameters(ToDb(run));
        parameters.Add("MaxActive", maxActive);
        await using var connection = await database.OpenForWriteAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (database.LockUserRunsSql is { } lockUser)
            await connection.ExecuteAsync(new CommandDefinition(lockUser, new { run.UserId }, transaction, cancellationToken: ct));
        int inserted = await connection.ExecuteAsync(new CommandDefinition(InsertRunWithinLimit, parameters, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return inserted == 1;
    }

    public Task<BacktestRun?> GetAsync(string userId, string runId, CancellationToken ct = default) =>
        QuerySingleRunAsync($"SELECT {RunColumns} FROM backtest_runs WHERE id = @RunId AND user_id = @UserId", new { RunId = runId, UserId = userId }, ct);

    public Task<BacktestRun?> GetByIdAsync(string runId, CancellationToken ct = default) =>
        QuerySingleRunAsync($"SELECT {RunColumns} FROM backtest_runs WHERE id = @RunId", new { RunId = runId }, ct);

    public async Task<Page<BacktestRun>> ListAsync(RunQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckPage(query.Offset, query.Limit);
        string where = "user_id = @UserId" + (query.Status is null ? "" : " AND status = @Status") + (query.Kind is null ? "" : " AND kind = @Kind");
        await using var connection = await database.OpenAsync(ct);
        long total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM backtest_runs WHERE {where}", query, cancellationToken: ct));
        var runs = await connection.QueryAsync<BacktestRun>(new CommandDefinition(
            $"SELECT {RunColumns} FROM backtest_runs WHERE {where} ORDER BY created_at DESC, id DESC LIMIT @Limit OFFSET @Offset", query, cancellationToken: ct));
        return new Page<BacktestRun>(runs.Select(FromDb).ToList(), total, query.Offset, query.Limit);
    }

    public Task<IReadOnlyList<BacktestRun>> ListUnfinishedAsync(CancellationToken ct = default) =>
        QueryRunsAsync($"SELECT {RunColumns} FROM backtest_runs WHERE {Unfinished} ORDER BY created_at, id", null, ct);

    public Task<IReadOnlyList<BacktestRun>> ListChildrenAsync(string parentRunId, CancellationToken ct = default) =>
        QueryRunsAsync($"SELECT {RunColumns} FROM backtest_runs WHERE parent_run_id = @ParentRunId ORDER BY created_at, id", new { ParentRunId = parentRunId }, ct);

    public async Task<bool> TryTransitionAsync(string runId, IReadOnlyCollection<string> from, string status, string? error = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        CheckStatus(status, nameof(status));
        foreach (string s in from)
            CheckStatus(s, nameof(from));
        if (from.Count == 0)
            return false;
        DateTime now = Now();
        await using var connection = await database.OpenForWriteAsync(ct);
        int changed = await connection.ExecuteAsync(new CommandDefinition(_transition, new
        {
            RunId = runId,
            From = from.ToArray(),
            Status = status,
            Error = error,
            Now = now,
            CompletedAt = RunStatus.IsTerminal(status) ? now : (DateTime?)null,
        }, cancellationToken: ct));
        return changed == 1;
    }

    public async Task UpdateProgressAsync(RunProgress progress, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (!double.IsFinite(progress.Progress) || progress.Progress is < 0 or > 100)
            throw new ArgumentOutOfRangeException(nameof(progress), progress.Progress, "progress must be in [0, 100]");
        await using var connection = await database.OpenForWriteAsync(ct);
        // A late report must not touch a run that has already finished.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE backtest_runs SET progress = @Progress, current_bar_date = @CurrentDate, trades_executed = @TradesExecuted, " +
            $"updated_at = @Now WHERE id = @RunId AND {Unfinished}",
            new { progress.RunId, progress.Progress, CurrentDate = DbTime.ToDb(progress.CurrentDate), progress.TradesExecuted, Now = Now() },
            cancellationToken: ct));
    }

    public async Task CompleteAsync(RunCompletion completion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        CheckBelongsToRun(completion);
        await using var connection = await database.OpenForWriteAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // The status update comes first: it locks the run row, so a concurrent completion or
        // cancellation waits, and it tells whether the run may still complete.
        int changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE backtest_runs SET status = 'completed', progress = 100, completed_at = @CompletedAt, updated_at = @Now, " +
            "current_bar_date = COALESCE(@CurrentDate, current_bar_date), trades_executed = COALESCE(@TradesExecuted, trades_executed) " +
            $"WHERE id = @RunId AND {Unfinished}",
            new
            {
                completion.RunId, CompletedAt = DbTime.ToDb(completion.CompletedAt), Now = Now(),
                CurrentDate = DbTime.ToDb(completion.FinalProgress?.CurrentDate), TradesExecuted = completion.FinalProgress?.TradesExecuted,
            }, transaction, cancellationToken: ct));
        if (changed == 0)
        {
            string? current = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT status FROM backtest_runs WHERE id = @RunId", new { completion.RunId }, transaction, cancellationToken: ct));
            throw current is null
                ? new KeyNotFoundException($"run '{completion.RunId}' does not exist")
                : new InvalidOperationException($"run '{completion.RunId}' is already {current} and cannot complete");
        }
        await connection.ExecuteAsync(new CommandDefinition(_insertResult, ToDb(completion.Result), transaction, cancellationToken: ct));
        if (completion.Trades.Count > 0)
            await database.WriteTradesAsync(connection, transaction, completion.Trades, ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<RunResultRecord?> GetResultAsync(string runId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var result = await connection.QuerySingleOrDefaultAsync<RunResultRecord>(new CommandDefinition(
            $"SELECT {ResultColumns} FROM backtest_results WHERE backtest_run_id = @RunId", new { RunId = runId }, cancellationToken: ct));
        return result is null ? null : result with { CreatedAt = DbTime.FromDb(result.CreatedAt) };
    }

    public async Task<Page<TradeRecord>> GetTradesAsync(string runId, int offset, int limit, CancellationToken ct = default)
    {
        CheckPage(offset, limit);
        await using var connection = await database.OpenAsync(ct);
        long total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM backtest_trades WHERE backtest_run_id = @RunId", new { RunId = runId }, cancellationToken: ct));
        var trades = total == 0 ? [] : await connection.QueryAsync<TradeRecord>(new CommandDefinition(
            $"SELECT {TradeColumns} FROM backtest_trades WHERE backtest_run_id = @RunId ORDER BY sequence LIMIT @Limit OFFSET @Offset",
            new { RunId = runId, Limit = limit, Offset = offset }, cancellationToken: ct));
        return new Page<TradeRecord>(trades.Select(t => t with { EntryDate = DbTime.FromDb(t.EntryDate), ExitDate = DbTime.FromDb(t.ExitDate) }).ToList(), total, offset, limit);
    }

    public async Task<int> CountActiveAsync(string userId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM backtest_runs WHERE user_id = @UserId AND {Unfinished}", new { UserId = userId }, cancellationToken: ct));
    }

    private async Task<BacktestRun?> QuerySingleRunAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var run = await connection.QuerySingleOrDefaultAsync<BacktestRun>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return run is null ? null : FromDb(run);
    }

    private async Task<IReadOnlyList<BacktestRun>> QueryRunsAsync(string sql, object? parameters, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var runs = await connection.QueryAsync<BacktestRun>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return runs.Select(FromDb).ToList();
    }

    private DateTime Now() => DbTime.ToDb(_clock.GetUtcNow().UtcDateTime);

    private static BacktestRun ToDb(BacktestRun run) => run with
    {
        StartDate = DbTime.ToDb(run.StartDate),
        EndDate = DbTime.ToDb(run.EndDate),
        CurrentDate = DbTime.ToDb(run.CurrentDate),
        CreatedAt = DbTime.ToDb(run.CreatedAt),
        UpdatedAt = DbTime.ToDb(run.UpdatedAt),
        CompletedAt = DbTime.ToDb(run.CompletedAt),
    };

    private static BacktestRun FromDb(BacktestRun run) => run with
    {
        StartDate = DbTime.FromDb(run.StartDate),
        EndDate = DbTime.FromDb(run.EndDate),
        CurrentDate = DbTime.FromDb(run.CurrentDate),
        CreatedAt = DbTime.FromDb(run.CreatedAt),
        UpdatedAt = DbTime.FromDb(run.UpdatedAt),
        CompletedAt = DbTime.FromDb(run.CompletedAt),
    };

    private static RunResultRecord ToDb(RunResultRecord result) => result with { CreatedAt = DbTime.ToDb(result.CreatedAt) };

    private static void CheckBelongsToRun(RunCompletion completion)
    {
        if (completion.FinalProgress is { } progress && progress.RunId != completion.RunId)
            throw new ArgumentException($"the final progress belongs to run '{progress.RunId}', not '{completion.RunId}'", nameof(completion));
        if (completion.Result.RunId != completion.RunId)
            throw new ArgumentException($"the result belongs to run '{completion.Result.RunId}', not '{completion.RunId}'", nameof(completion));
        foreach (var trade in completion.Trades)
        {
            if (trade.RunId != completion.RunId)
                throw new ArgumentException($"trade '{trade.Id}' belongs to run '{trade.RunId}', not '{completion.RunId}'", nameof(completion));
        }
    }

    private static void CheckStatus(string status, string parameter)
    {
        if (!RunStatus.All.Contains(status))
            throw new ArgumentException($"status '{status}' is not one of {string.Join(", ", RunStatus.All)}", parameter);
    }

    private static void CheckPage(int offset, int limit)
    {
        if (offset < 0)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "offset must be >= 0");
        if (limit < 0)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be >= 0");
    }
}
