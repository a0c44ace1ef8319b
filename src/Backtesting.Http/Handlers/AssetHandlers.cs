using Backtesting.Application.Limits;
using Backtesting.Application.MarketData;
using Backtesting.Application.Runs;
using Backtesting.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backtesting.Http.Handlers;

/// <summary>/api/assets: assets with their stored ranges, bar pages, and CSV import (admin).</summary>
public static class AssetHandlers
{
    public static Task<Results<Ok<IReadOnlyList<AssetView>>, ProblemHttpResult>> ListAsync(HttpContext http) => TypedEndpoint.RunAsync<Ok<IReadOnlyList<AssetView>>>(http, async _ =>
        TypedResults.Ok(await Service(http).ListAssetsAsync(http.RequestAborted)));

    public static Task<Results<Ok<Page<BarView>>, ProblemHttpResult>> BarsAsync(HttpContext http, string symbol) => TypedEndpoint.RunAsync<Ok<Page<BarView>>>(http, async _ =>
        await Service(http).GetBarsAsync(symbol, QueryValues.String(http.Request, "timeframe"), QueryValues.String(http.Request, "from"),
            QueryValues.String(http.Request, "to"), QueryValues.Int(http.Request, "offset", 0), QueryValues.Int(http.Request, "limit", 1000), http.RequestAborted) is { } page
            ? TypedResults.Ok(page) : ApiResults.NotFound("asset", symbol));

    /// <summary>Body: CSV text (text/csv) with Date,Open,High,Low,Close,Volume; query: timeframe (omitted: inferred from the timestamps), name.</summary>
    public static Task<Results<Ok<ImportedBarsView>, ProblemHttpResult>> ImportAsync(HttpContext http, string symbol) => TypedEndpoint.RunAsync<Ok<ImportedBarsView>>(http, async user =>
    {
        // refuse a non-admin before reading (up to the body limit of) their upload
        MarketDataService.EnsureCanImport(user);
        string? type = http.Request.ContentType;
        if (type is null || !(type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/gzip", StringComparison.OrdinalIgnoreCase)))
            return ProblemResults.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Content-Type '{type}' is not accepted; send text/csv (or application/gzip)");
        long max = http.RequestServices.GetRequiredService<IOptions<BacktestingLimits>>().Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > max)
            return ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"the request body exceeds the limit of {max} bytes");
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        if (body.Length > max)
            return ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"the request body exceeds the limit of {max} bytes");
        body.Position = 0;
        var imported = await Service(http).ImportCsvAsync(user, symbol, QueryValues.String(http.Request, "timeframe"), QueryValues.String(http.Request, "name"), body, http.RequestAborted);
        return TypedResults.Ok(new ImportedBarsView(symbol, imported.Timeframe, imported.Rows));
    });

    private static MarketDataService Service(HttpContext http) => http.RequestServices.GetRequiredService<MarketDataService>();
}
