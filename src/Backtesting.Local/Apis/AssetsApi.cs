using Backtesting.Application.MarketData;
using Backtesting.Http.Handlers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Backtesting.Local.Apis;

/// <summary>Routes of /api/assets onto the shared handlers, whose typed results give the response schemas.</summary>
public static class AssetsApi
{
    public static RouteGroupBuilder MapAssetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assets").WithTags("Assets").WithCallerProblems();
        group.MapGet("/", (Delegate)ListAssets).WithSummary("Assets and their stored bar ranges");
        group.MapGet("/{symbol}/bars", (HttpContext http, string symbol) => AssetHandlers.BarsAsync(http, symbol)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Bars in time order (timeframe, from, to, offset, limit)");
        group.MapPost("/{symbol}/bars", (HttpContext http, string symbol) => AssetHandlers.ImportAsync(http, symbol)).Accepts<string>("text/csv").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).WithSummary("Import CSV bars (admin only)")
            .WithDescription("Body: CSV with Date,Open,High,Low,Close[,Volume] (a row may not have more fields than the header). Query: `timeframe` "
                + "(1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w or 1mo; omitted: inferred from the median spacing of the timestamps; a given one they contradict is rejected), "
                + "`name` (the asset's name when it is created). Answers {symbol, timeframe, rows}.");
        return group;
    }

    private static Task<Results<Ok<IReadOnlyList<AssetView>>, ProblemHttpResult>> ListAssets(HttpContext http) => AssetHandlers.ListAsync(http);
}
