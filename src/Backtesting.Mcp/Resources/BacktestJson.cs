using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Json;
using Backtesting.Application.Views;

namespace Backtesting.Mcp.Resources;

/// <summary>
/// The JSON of the backtest resources, in the platform's shapes: backtest://{id} is {"backtest_id", "status"},
/// backtest://{id}/results is {"metrics", "trades", "equity_curve"}. Details beyond those shapes (progress,
/// paging) travel in the resource's _meta so the shapes stay exact.
/// </summary>
internal static class BacktestJson
{
    public static JsonObject Status(RunView run) => new() { ["backtest_id"] = run.BacktestId, ["status"] = run.Status };

    /// <summary>The whole run: strategy, asset, dates, progress, error, timestamps.</summary>
    public static JsonObject RunDetails(RunView run) => JsonSerializer.SerializeToNode(run, WorkflowJson.Options)!.AsObject();

    public static JsonObject Results(ResultsView results) => new()
    {
        ["metrics"] = results.Metrics is null ? null : JsonSerializer.SerializeToNode(results.Metrics, WorkflowJson.Options),
        ["trades"] = new JsonArray((results.Trades?.Items ?? []).Select(t => (JsonNode)ResultRecords.TradeJson(t)).ToArray()),
        ["equity_curve"] = results.EquityCurve?.DeepClone() ?? new JsonArray(),
    };

    /// <summary>Which page of trades and how much of the curve the results hold.</summary>
    public static JsonObject ResultsPaging(ResultsView results) => new()
    {
        ["backtest_id"] = results.BacktestId,
        ["status"] = results.Status,
        ["trades_total"] = results.Trades?.Total ?? 0,
        ["trades_offset"] = results.Trades?.Offset ?? 0,
        ["trades_limit"] = results.Trades?.Limit ?? 0,
        ["equity_points"] = results.EquityCurve?.Count ?? 0,
        ["equity_points_total"] = results.EquityPointsTotal,
    };
}
