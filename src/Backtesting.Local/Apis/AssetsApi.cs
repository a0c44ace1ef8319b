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
        group.MapPost("/{symbol}/bars", (Delegate)ImportBars).Accepts<string>("text/csv").WithSummary("Import CSV bars (admin only)");
        return group;
    }

    private static Task<IResult> ListAssets(HttpContext http) => AssetHandlers.ListAsync(http);
    private static Task<IResult> GetBars(HttpContext http, string symbol) => AssetHandlers.BarsAsync(http, symbol);
    private static Task<IResult> ImportBars(HttpContext http, string symbol) => AssetHandlers.ImportAsync(http, symbol);
}
