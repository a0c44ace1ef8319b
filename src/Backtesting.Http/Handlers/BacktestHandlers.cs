using System.Text.Json;
using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backtesting.Http.Handlers;

/// <summary>/api/backtests: submit, list, read, results, trades, equity, metrics, cancel, live events.</summary>
public static class BacktestHandlers
{
    public const string Prefix = "/api/backtests";

    public static Task<IResult> SubmitAsync(HttpContext http) => HttpEndpoint.RunAsync(http, async user =>
    {
        var (request, problem) = await RequestBody.ReadJsonAsync<BacktestRequest>(http.Request, MaxBody(http), http.RequestAborted);
        if (problem is not null) return problem;
        var run = await Service(http).SubmitAsync(user.Id, request, http.RequestAborted);
        return ApiResults.Accepted($"{Prefix}/{run.BacktestId}", Accepted(run));
    });

    public static Task<IResult> ListAsync(HttpContext http) => HttpEndpoint.RunAsync(http, async user =>
        ApiResults.Ok(await Service(http).ListAsync(user.Id, QueryValues.String(http.Request, "status"), QueryValues.String(http.Request, "kind"),
            QueryValues.Int(http.Request, "offset", 0), QueryValues.Int(http.Request, "limit", 50), http.RequestAborted)));

    public static Task<IResult> GetAsync(HttpContext http, string id) => HttpEndpoint.RunAsync(http, async user =>
        await Service(http).GetAsync(user.Id, id, http.RequestAborted) is { } run ? ApiResults.Ok(WithLinks(run)) : ApiResults.NotFound("backtest", id));

    public static Task<IResult> ResultsAsync(HttpContext http, string id) => HttpEndpoint.RunAsync(http, async user =>
        await Service(http).GetResultsAsync(user.Id, id, QueryValues.Int(http.Request, "trades_offset", 0), QueryValues.Int(http.Request, "trades_limit", 100),
            QueryValues.Int(http.Request, "max_points", BacktestService.DefaultMaxPoints), http.RequestAborted) is { } results
            ? ApiResults.Ok(results) : ApiResults.NotFound("backtest", id));

    public static Task<IResult> TradesAsync(HttpContext http, string id) => HttpEndpoint.RunAsync(http, async user =>
        await Service(http).GetTradesAsync(user.Id, id, QueryValues.Int(http.Request, "offset", 0), QueryValues.Int(http.Request, "limit", 100), http.RequestAborted) is { } page
            ? ApiResults.Ok(new { backtest_id = id, items = page.Items.Select(ResultRecords.TradeJson), total = page.Total, offset = page.Offset, limit = page.Limit })
            : ApiResults.NotFound("backtest", id));

    public static Task<IResult> EquityAsync(HttpContext http, string id) => HttpEndpoint.RunAsync(http, async user =>
        await Service(http).GetEquityAsync(user.Id, id, QueryValues.Int(http.Request, "max_points", BacktestService.DefaultMaxPoints), http.RequestAborted) is { } equity
            ? ApiResults.Ok(equity) : ApiResults.NotFound("backtest", id));

    public static Task<IResult> MetricsAsync(HttpContext http, string id) => HttpEndpoint.RunAsync(http, async user =>
        await Service(http).GetMetricsAsync(user.Id, id, QueryValues.List(http.Request, "names"), http.RequestAborted) is { } metrics
            ? ApiResults.Ok(metrics) : ApiResults.NotFound("backtest", id));

    public static Task<IResult> CancelAsync(HttpContext http, string id) => HttpEndpoint.RunAsync(http, async user =>
        await Service(http).CancelAsync(user.Id, id, http.RequestAborted) is { } run ? ApiResults.Ok(run) : ApiResults.NotFound("backtest", id));

    /// <summary>
    /// Server-Sent Events: the run's current progress first, then every backtest_progress message,
    /// ending with backtest_complete. Each event's data is the platform's {"type", "data"} JSON.
    /// </summary>
    public static Task<IResult> EventsAsync(HttpContext http, string id) => HttpEndpoint.RunAsync(http, async user =>
    {
        var service = Service(http);
        var run = await service.GetAsync(user.Id, id, http.RequestAborted);
        if (run is null) return ApiResults.NotFound("backtest", id);
        var services = http.RequestServices;
        return new RunEventStream(services.GetRequiredService<RunEventHub>(), services.GetService<ILocalRuns>(), service, services.GetRequiredService<TimeProvider>(), user.Id, id);
    });

    /// <summary>The 202 body: id, status and where to look next.</summary>
    public static object Accepted(RunView run) => new
    {
        backtest_id = run.BacktestId,
        status = run.Status,
        kind = run.Kind,
        links = Links(run.BacktestId),
    };

    public static Dictionary<string, string> Links(string id) => new()
    {
        ["self"] = $"{Prefix}/{id}",
        ["results"] = $"{Prefix}/{id}/results",
        ["trades"] = $"{Prefix}/{id}/trades",
        ["equity"] = $"{Prefix}/{id}/equity",
        ["metrics"] = $"{Prefix}/{id}/metrics",
        ["events"] = $"{Prefix}/{id}/events",
    };

    private static object WithLinks(RunView run)
    {
        var json = JsonSerializer.SerializeToNode(run, WorkflowJson.Options)!.AsObject();
        json["links"] = JsonSerializer.SerializeToNode(Links(run.BacktestId));
        return json;
    }

    private static BacktestService Service(HttpContext http) => http.RequestServices.GetRequiredService<BacktestService>();

    private static long MaxBody(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<BacktestingLimits>>().Value.MaxRequestBodyBytes;
}
