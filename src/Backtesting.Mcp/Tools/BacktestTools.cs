using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Backtesting.Engine.Metrics;
using Backtesting.Mcp.Hosting;
using Backtesting.Mcp.Resources;
using Backtesting.Mcp.Schema;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Backtesting.Mcp.Tools;

/// <summary>Run, watch, read and cancel the caller's backtests.</summary>
[McpServerToolType]
public sealed class BacktestTools
{
    public const int DefaultTradesLimit = 20;
    public const int MaxTradesLimit = 500;
    public const int DefaultMaxPoints = 100;
    public const int MaxPoints = 2000;
    public const int MaxWaitSeconds = RunWaiter.MaxWaitSeconds;

    /// <summary>The risk_free_rate argument of run_backtest and every research tool.</summary>
    public const string RiskFreeRateDescription = "Annual risk-free rate as a fraction in [-1, 1] (0.05 = 5 %): sharpe_ratio and sortino_ratio are computed on "
        + "excess returns r(t) - rate / periods_per_year. Echoed as risk_free_rate in the metrics. Default 0.";

    private readonly BacktestService _backtests;
    private readonly RunWaiter _waiter;

    public BacktestTools(BacktestService backtests, RunEventHub events, TimeProvider time)
    {
        _backtests = backtests;
        _waiter = new RunWaiter(backtests, events, time);
    }

    [McpServerTool(Name = "run_backtest", Title = "Run a backtest", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Simulates a strategy on one asset's historical bars and returns the backtest id. Orders decided at a bar's close fill at the next bar's open; "
        + "metrics follow the service's contract (fractions, not percent). By default it returns at once with status 'pending' or 'running': "
        + "poll get_backtest_status, then call get_backtest_results or get_metrics. Pass wait_seconds (up to 120) to wait for a short run and get its results "
        + "in this same answer; progress notifications are sent while waiting when the request carries a progress token. "
        + "Answer: a text line, the resource backtest://{id} ({backtest_id, status}) and, once completed, backtest://{id}/results ({metrics, trades, equity_curve}).")]
    public async Task<CallToolResult> RunBacktestAsync(
        ClaimsPrincipal caller,
        RequestContext<CallToolRequestParams> context,
        [Description("Strategy id from list_strategies, e.g. 'sma_crossover'.")]
        [SchemaValues(SchemaValues.StrategyIds)] string strategy_id,
        [Description("Symbol of an asset from list_assets, e.g. 'GOOG'.")]
        [StringLength(32, MinimumLength = 1)] string asset_symbol,
        [Description("First bar to simulate: ISO 8601 date or UTC date-time, e.g. '2005-01-01'. Omitted: the first stored bar.")]
        [StringLength(40)] string? start_date = null,
        [Description("Last bar to simulate (inclusive; a date covers its whole day): ISO 8601 date or UTC date-time. Omitted: the last stored bar.")]
        [StringLength(40)] string? end_date = null,
        [Description("Starting cash, greater than 0 and at most 1e12. Default 10000.")]
        [Range(0d, 1e12, MinimumIsExclusive = true)] double initial_capital = 10_000,
        [Description(BacktestTools.RiskFreeRateDescription)]
        [Range(RiskFreeRate.Min, RiskFreeRate.Max)] double risk_free_rate = 0,
        [Description("Strategy parameters; see the schema.")]
        [SchemaValues(SchemaValues.StrategyParameters)] Dictionary<string, JsonElement>? parameters = null,
        [Description("Bar timeframe of the stored data to use. Default '1d'.")]
        [SchemaValues(SchemaValues.Timeframes)] string timeframe = "1d",
        [Description("Seconds to wait for the run to finish before answering, 0-120. Default 0: answer at once.")]
        [Range(0, MaxWaitSeconds)] int wait_seconds = 0,
        [Description("Optional: split the simulation into this many time chunks (progress is reported after each); results do not depend on it.")]
        [Range(1, 200)] int? chunks = null,
        CancellationToken cancellationToken = default)
    {
        string userId = McpCaller.UserId(caller);
        var request = new BacktestRequest
        {
            StrategyId = strategy_id,
            AssetSymbol = asset_symbol,
            StartDate = start_date,
            EndDate = end_date,
            InitialCapital = initial_capital,
            RiskFreeRate = risk_free_rate,
            Parameters = parameters,
            Timeframe = timeframe,
            Chunks = chunks,
        };
        var run = await _backtests.SubmitAsync(userId, request, cancellationToken).ConfigureAwait(false);
        run = await _waiter.WaitAsync(userId, run, TimeSpan.FromSeconds(wait_seconds), ProgressNotifier.For(context).RunProgressedAsync, cancellationToken).ConfigureAwait(false);
        var status = StatusResource(run);
        if (run.Status == RunStatus.Completed && await ResultsAsync(userId, run.BacktestId, 0, DefaultTradesLimit, DefaultMaxPoints, cancellationToken).ConfigureAwait(false) is { } results)
            return ToolResults.Ok($"Backtest {run.BacktestId} completed: {BacktestText.Results(results)}", status, ResultsResource(results));
        if (BacktestText.NoResults(run) is { } why && RunStatus.IsTerminal(run.Status))
            return ToolResults.Error(why, status);
        string waited = wait_seconds > 0 ? $" It did not finish within {wait_seconds} s." : "";
        return ToolResults.Ok($"Backtest started successfully: {run.BacktestId} ({run.StrategyId} on {run.AssetSymbol}, {run.StartDate:yyyy-MM-dd} to {run.EndDate:yyyy-MM-dd}) is {run.Status}.{waited} "
            + "Poll get_backtest_status; get_backtest_results reads the results once it is completed.", status);
    }

    [McpServerTool(Name = "get_backtest_status", Title = "Backtest status", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Status of one of your backtests: pending, running (with percent done, the bar date reached and trades so far), completed, failed (with the reason) or cancelled. "
        + "Pass wait_seconds (up to 120) to wait for a started run to end, with progress notifications meanwhile when the request carries a progress token. "
        + "Answer: a text line and the resource backtest://{id} ({backtest_id, status}; its _meta holds the whole run).")]
    public async Task<CallToolResult> GetBacktestStatusAsync(
        ClaimsPrincipal caller,
        RequestContext<CallToolRequestParams> context,
        [Description("Backtest id returned by run_backtest or list_backtests, e.g. 'bt-...'.")]
        [StringLength(100, MinimumLength = 1)] string backtest_id,
        [Description("Seconds to wait for the run to end before answering, 0-120. Default 0: answer at once.")]
        [Range(0, MaxWaitSeconds)] int wait_seconds = 0,
        CancellationToken cancellationToken = default)
    {
        string userId = McpCaller.UserId(caller);
        var run = await _backtests.GetAsync(userId, backtest_id, cancellationToken).ConfigureAwait(false);
        if (run is null) return ToolResults.Error(BacktestText.NotFound(backtest_id));
        // a client following a run it did not wait for when starting it (e.g. the TypeScript client's streamProgress)
        run = await _waiter.WaitAsync(userId, run, TimeSpan.FromSeconds(wait_seconds), ProgressNotifier.For(context).RunProgressedAsync, cancellationToken).ConfigureAwait(false);
        return ToolResults.Ok(BacktestText.Status(run), StatusResource(run));
    }

    [McpServerTool(Name = "get_backtest_results", Title = "Backtest results", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Results of a completed backtest: every metric, one page of trades (entry/exit date and price, quantity, pnl net of fees, pnl_percent, status, exit_reason) "
        + "and the equity curve downsampled to at most max_points [time, equity] points (first and last points and the extremes are kept). "
        + "Page through trades with trades_offset/trades_limit. A run that is not completed answers with its status instead. "
        + "Answer: a text line and the resource backtest://{id}/results ({metrics, trades, equity_curve}; its _meta holds the paging).")]
    public async Task<CallToolResult> GetBacktestResultsAsync(
        ClaimsPrincipal caller,
        [Description("Backtest id returned by run_backtest or list_backtests.")]
        [StringLength(100, MinimumLength = 1)] string backtest_id,
        [Description("Index of the first trade to return (0-based). Default 0.")]
        [Range(0, int.MaxValue)] int trades_offset = 0,
        [Description("Trades to return, 1-500. Default 20.")]
        [Range(1, MaxTradesLimit)] int trades_limit = DefaultTradesLimit,
        [Description("Most equity curve points to return, 2-2000. Default 100.")]
        [Range(2, MaxPoints)] int max_points = DefaultMaxPoints,
        CancellationToken cancellationToken = default)
    {
        string userId = McpCaller.UserId(caller);
        var run = await _backtests.GetAsync(userId, backtest_id, cancellationToken).ConfigureAwait(false);
        if (run is null) return ToolResults.Error(BacktestText.NotFound(backtest_id));
        if (BacktestText.NoResults(run) is { } why)
            return RunStatus.IsTerminal(run.Status) ? ToolResults.Error(why, StatusResource(run)) : ToolResults.Ok(why, StatusResource(run));
        var results = await ResultsAsync(userId, backtest_id, trades_offset, trades_limit, max_points, cancellationToken).ConfigureAwait(false);
        return results is null
            ? ToolResults.Error(BacktestText.NotFound(backtest_id))
            : ToolResults.Ok($"Backtest results retrieved successfully: {BacktestText.Results(results)}", ResultsResource(results));
    }

    [McpServerTool(Name = "get_metrics", Title = "Backtest metrics", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Named performance metrics of a completed backtest (all of them when metrics is omitted or empty). Ratios are fractions (0.25 = 25 %); "
        + "sharpe_ratio and sortino_ratio are annualised; max_drawdown_duration is in bars; profit_factor is null without losing trades. "
        + "Answer: a text line and the resource backtest://{id}/metrics ({backtest_id, metrics}).")]
    public async Task<CallToolResult> GetMetricsAsync(
        ClaimsPrincipal caller,
        [Description("Backtest id returned by run_backtest or list_backtests.")]
        [StringLength(100, MinimumLength = 1)] string backtest_id,
        [Description("Metric names to return, e.g. ['sharpe_ratio', 'max_drawdown']. Omitted or empty: every metric.")]
        [SchemaValues(SchemaValues.MetricNames)] string[]? metrics = null,
        CancellationToken cancellationToken = default)
    {
        string userId = McpCaller.UserId(caller);
        var run = await _backtests.GetAsync(userId, backtest_id, cancellationToken).ConfigureAwait(false);
        if (run is null) return ToolResults.Error(BacktestText.NotFound(backtest_id));
        if (BacktestText.NoResults(run) is { } why)
            return RunStatus.IsTerminal(run.Status) ? ToolResults.Error(why, StatusResource(run)) : ToolResults.Ok(why, StatusResource(run));
        var selected = await _backtests.GetMetricsAsync(userId, backtest_id, metrics, cancellationToken).ConfigureAwait(false);
        if (selected?.Metrics is not { } values) return ToolResults.Error(BacktestText.NotFound(backtest_id));
        var json = new JsonObject { ["backtest_id"] = backtest_id, ["metrics"] = JsonSerializer.SerializeToNode(values, WorkflowJson.Options) };
        string line = string.Join(", ", values.Select(m => $"{m.Key} {(m.Value is { } v ? JsonSerializer.Serialize(v) : "null")}"));
        return ToolResults.Ok($"Metrics of {backtest_id}: {line}", ToolResults.Resource(ResourceUris.Metrics(backtest_id), json));
    }

    [McpServerTool(Name = "cancel_backtest", Title = "Cancel a backtest", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false)]
    [Description("Cancels one of your pending or running backtests; its partial work is discarded. A finished backtest is left as it is. "
        + "Answer: a text line and the resource backtest://{id} ({backtest_id, status}).")]
    public async Task<CallToolResult> CancelBacktestAsync(
        ClaimsPrincipal caller,
        [Description("Backtest id returned by run_backtest or list_backtests.")]
        [StringLength(100, MinimumLength = 1)] string backtest_id,
        CancellationToken cancellationToken = default)
    {
        string userId = McpCaller.UserId(caller);
        var before = await _backtests.GetAsync(userId, backtest_id, cancellationToken).ConfigureAwait(false);
        if (before is null) return ToolResults.Error(BacktestText.NotFound(backtest_id));
        var after = await _backtests.CancelAsync(userId, backtest_id, cancellationToken).ConfigureAwait(false) ?? before;
        string text = after.Status == RunStatus.Cancelled && !RunStatus.IsTerminal(before.Status)
            ? $"Backtest {backtest_id} cancelled."
            : $"Backtest {backtest_id} was already {after.Status}; nothing to cancel.";
        return ToolResults.Ok(text, StatusResource(after));
    }

    [McpServerTool(Name = "list_backtests", Title = "List your backtests", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Your backtests and other jobs, newest first, one page at a time, optionally filtered by status or kind. "
        + "Answer: a text line and the resource backtesting://backtests ({items, total, offset, limit}; each item is a whole run).")]
    public async Task<CallToolResult> ListBacktestsAsync(
        ClaimsPrincipal caller,
        [Description("Only runs with this status.")]
        [SchemaValues(SchemaValues.RunStatuses)] string? status = null,
        [Description("Only jobs of this kind; single backtests are 'backtest_strategy'.")]
        [SchemaValues(SchemaValues.RunKinds)] string? kind = null,
        [Description("Index of the first run to return (0-based). Default 0.")]
        [Range(0, int.MaxValue)] int offset = 0,
        [Description("Runs to return, 1-200. Default 20.")]
        [Range(1, 200)] int limit = 20,
        CancellationToken cancellationToken = default)
    {
        var page = await _backtests.ListAsync(McpCaller.UserId(caller), status, kind, offset, limit, cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.SerializeToNode(page, WorkflowJson.Options)!;
        string listed = page.Items.Count == 0
            ? "No backtests" + (status is null && kind is null ? "" : " match the filter")
            : $"Backtests {page.Offset + 1}-{page.Offset + page.Items.Count} of {page.Total}: "
              + string.Join(", ", page.Items.Select(r => $"{r.BacktestId} ({r.StrategyId} on {r.AssetSymbol}, {r.Status})"));
        return ToolResults.Ok(listed + ".", ToolResults.Resource(ResourceUris.Backtests, json));
    }

    private Task<ResultsView?> ResultsAsync(string userId, string id, int offset, int limit, int maxPoints, CancellationToken ct) =>
        _backtests.GetResultsAsync(userId, id, offset, limit, maxPoints, ct);

    internal static EmbeddedResourceBlock StatusResource(RunView run) =>
        ToolResults.Resource(ResourceUris.Backtest(run.BacktestId), BacktestJson.Status(run), BacktestJson.RunDetails(run));

    internal static EmbeddedResourceBlock ResultsResource(ResultsView results) =>
        ToolResults.Resource(ResourceUris.Results(results.BacktestId), BacktestJson.Results(results), BacktestJson.ResultsPaging(results));
}
