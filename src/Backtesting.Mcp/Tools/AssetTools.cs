using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Json;
using Backtesting.Application.MarketData;
using Backtesting.Mcp.Resources;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Backtesting.Mcp.Tools;

/// <summary>The market data the service holds.</summary>
[McpServerToolType]
public sealed class AssetTools(MarketDataService marketData)
{
    [McpServerTool(Name = "list_assets", Title = "List assets", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("The assets with stored historical bars that run_backtest can simulate: symbol, name, asset class, currency and, per timeframe, "
        + "the number of bars and the first and last bar time (the date range start_date/end_date may cover). "
        + "Answer: a text line and the resource backtesting://assets ({assets: [...]}).")]
    public async Task<CallToolResult> ListAssetsAsync(CancellationToken cancellationToken = default)
    {
        var assets = await marketData.ListAssetsAsync(cancellationToken).ConfigureAwait(false);
        string text = assets.Count == 0
            ? "No assets are stored yet; an admin imports bars first."
            : $"{assets.Count} asset{(assets.Count == 1 ? "" : "s")}: " + string.Join("; ", assets.Select(a =>
                $"{a.Symbol} ({a.Name}): " + string.Join(", ", a.Timeframes.Select(t => $"{t.Timeframe} {t.Count} bars {t.First:yyyy-MM-dd} to {t.Last:yyyy-MM-dd}"))));
        return ToolResults.Ok(text, ToolResults.Resource(ResourceUris.Assets, CatalogJson(assets)));
    }

    internal static JsonObject CatalogJson(IReadOnlyList<AssetView> assets) =>
        new() { ["assets"] = JsonSerializer.SerializeToNode(assets, WorkflowJson.Options) };
}
