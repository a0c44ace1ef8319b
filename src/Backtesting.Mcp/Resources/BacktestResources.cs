using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using Backtesting.Application.Backtests;
using Backtesting.Application.Json;
using Backtesting.Application.MarketData;
using Backtesting.Application.Strategies;
using Backtesting.Mcp.Hosting;
using Backtesting.Mcp.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Backtesting.Mcp.Resources;

/// <summary>
/// The resources tools embed, readable on their own with resources/read: the caller's backtests
/// (templates backtest://{id}, backtest://{id}/results, backtest://{id}/metrics) and the catalogs.
/// Another user's backtest is "not found".
/// </summary>
[McpServerResourceType]
public sealed class BacktestResources(BacktestService backtests, StrategyService strategies, MarketDataService marketData)
{
    [McpServerResource(UriTemplate = ResourceUris.BacktestTemplate, Name = "backtest", Title = "Backtest status", MimeType = ToolResults.JsonMimeType)]
    [Description("One of your backtests: {backtest_id, status}; _meta holds the whole run (strategy, asset, dates, progress, error).")]
    public async Task<TextResourceContents> ReadBacktestAsync(ClaimsPrincipal caller, string id, CancellationToken cancellationToken = default)
    {
        var run = await backtests.GetAsync(McpCaller.UserId(caller), id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        return Json(ResourceUris.Backtest(id), BacktestJson.Status(run).ToJsonString(), BacktestJson.RunDetails(run));
    }

    [McpServerResource(UriTemplate = ResourceUris.ResultsTemplate, Name = "backtest_results", Title = "Backtest results", MimeType = ToolResults.JsonMimeType)]
    [Description("Results of one of your completed backtests: {metrics, trades, equity_curve} with the first 20 trades and at most 100 curve points; "
        + "get_backtest_results pages further.")]
    public async Task<TextResourceContents> ReadResultsAsync(ClaimsPrincipal caller, string id, CancellationToken cancellationToken = default)
    {
        string userId = McpCaller.UserId(caller);
        var run = await backtests.GetAsync(userId, id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        if (BacktestText.NoResults(run) is { } why) throw new McpProtocolException(why, McpErrorCode.ResourceNotFound);
        var results = await backtests.GetResultsAsync(userId, id, 0, BacktestTools.DefaultTradesLimit, BacktestTools.DefaultMaxPoints, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(id);
        return Json(ResourceUris.Results(id), BacktestJson.Results(results).ToJsonString(), BacktestJson.ResultsPaging(results));
    }

    [McpServerResource(UriTemplate = ResourceUris.MetricsTemplate, Name = "backtest_metrics", Title = "Backtest metrics", MimeType = ToolResults.JsonMimeType)]
    [Description("Every metric of one of your completed backtests: {backtest_id, metrics}.")]
    public async Task<TextResourceContents> ReadMetricsAsync(ClaimsPrincipal caller, string id, CancellationToken cancellationToken = default)
    {
        string userId = McpCaller.UserId(caller);
        var run = await backtests.GetAsync(userId, id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        if (BacktestText.NoResults(run) is { } why) throw new McpProtocolException(why, McpErrorCode.ResourceNotFound);
        var metrics = await backtests.GetMetricsAsync(userId, id, null, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        var json = JsonSerializer.SerializeToNode(metrics, WorkflowJson.Options)!.AsObject();
        json.Remove("status");
        return Json(ResourceUris.Metrics(id), json.ToJsonString());
    }

    [McpServerResource(UriTemplate = ResourceUris.Strategies, Name = "strategies", Title = "Strategy catalog", MimeType = ToolResults.JsonMimeType)]
    [Description("Every strategy (the built-ins and your own) with its parameter schema and defaults: {strategies: [...]}.")]
    public async Task<TextResourceContents> ReadStrategiesAsync(ClaimsPrincipal caller, CancellationToken cancellationToken = default) =>
        Json(ResourceUris.Strategies, StrategyTools.CatalogJson(await strategies.ListAsync(McpCaller.UserId(caller), cancellationToken).ConfigureAwait(false)).ToJsonString());

    [McpServerResource(UriTemplate = ResourceUris.Assets, Name = "assets", Title = "Assets", MimeType = ToolResults.JsonMimeType)]
    [Description("Every asset with its stored bar ranges per timeframe: {assets: [...]}.")]
    public async Task<TextResourceContents> ReadAssetsAsync(CancellationToken cancellationToken = default) =>
        Json(ResourceUris.Assets, AssetTools.CatalogJson(await marketData.ListAssetsAsync(cancellationToken).ConfigureAwait(false)).ToJsonString());

    [McpServerResource(UriTemplate = ResourceUris.Backtests, Name = "backtests", Title = "Your backtests", MimeType = ToolResults.JsonMimeType)]
    [Description("Your 50 newest runs: {items, total, offset, limit}; list_backtests filters and pages.")]
    public async Task<TextResourceContents> ReadBacktestsAsync(ClaimsPrincipal caller, CancellationToken cancellationToken = default)
    {
        var page = await backtests.ListAsync(McpCaller.UserId(caller), null, null, 0, 50, cancellationToken).ConfigureAwait(false);
        return Json(ResourceUris.Backtests, JsonSerializer.Serialize(page, WorkflowJson.Options));
    }

    private static TextResourceContents Json(string uri, string text, System.Text.Json.Nodes.JsonObject? meta = null) =>
        new() { Uri = uri, MimeType = ToolResults.JsonMimeType, Text = text, Meta = meta };

    private static McpProtocolException NotFound(string id) =>
        new($"no backtest '{id}' for this API key (runs of other users are not visible)", McpErrorCode.ResourceNotFound);
}
