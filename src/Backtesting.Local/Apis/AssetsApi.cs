using Backtesting.Application.MarketData;
using Backtesting.Http.Handlers;

namespace Backtesting.Local.Apis;

/// <summary>Routes of /api/assets.</summary>
public static class AssetsApi
{
    public static RouteGroupBuilder MapAssetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assets").WithTags("Assets");
        group.MapGet("/", (Delegate)ListAssets).Produces<IReadOnlyList<AssetView>>().WithSummary("Assets and their stored bar ranges");
        group.MapGet("/{symbol}/bars", (Delegate)GetBars).WithSummary("Bars in time order (timeframe, from, to, offset, limit)");
        group.MapPost("/{symbol}/bars", (Delegate)ImportBars).Accepts<string>("text/csv").WithSummary("Import CSV bars (admin only)")
            .WithDescription("Body: CSV with Date,Open,High,Low,Close[,Volume] (a row may not have more fields than the header). Query: `timeframe` "
                + "(1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w or 1mo; omitted: inferred from the median spacing of the timestamps; a given one they contradict is rejected), "
                + "`name` (the asset's name when it is created). Answers {symbol, timeframe, rows}.");
        return group;
    }

    private static Task<IResult> ListAssets(HttpContext http) => AssetHandlers.ListAsync(http);
    private static Task<IResult> GetBars(HttpContext http, string symbol) => AssetHandlers.BarsAsync(http, symbol);
    private static Task<IResult> ImportBars(HttpContext http, string symbol) => AssetHandlers.ImportAsync(http, symbol);
}
