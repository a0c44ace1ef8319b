using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Backtesting.Http.Responses;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backtesting.Http.Handlers;

/// <summary>/api/backtests: submit, list, read, results, trades, equity, metrics, cancel, live events.</summary>
public static class BacktestHandlers
{
    public const string Prefix = "/api/backtests";

    public static Task<Results<Accepted<RunAcceptedView>, ProblemHttpResult>> SubmitAsync(HttpContext http) => TypedEndpoint.RunAsync<Accepted<RunAcceptedView>>(http, async user =>
    {
        var (request, problem) = await RequestBody.ReadJsonAsync<BacktestRequest>(http.Request, MaxBody(http), http.RequestAborted);
        if (problem is not null) return problem;
        var run = await Service(http).SubmitAsync(user.Id, request, http.RequestAborted);
        return ApiResults.Accepted($"{Prefix}/{run.BacktestId}", Accepted(run));
    });

    public static Task<Results<Ok<Page<RunView>>, ProblemHttpResult>> ListAsync(HttpContext http) => TypedEndpoint.RunAsync<Ok<Page<RunView>>>(http, async user =>
        TypedResults.Ok(await Service(http).ListAsync(user.Id, QueryValues.String(http.Request, "status"), QueryValues.String(http.Request, "kind"),
            QueryValues.Int(http.Request, "offset", 0), QueryValues.Int(http.Request, "limit", 50), http.RequestAborted)));

    /// <summary>
    /// GET /api/backtests/{id}: the run now, or with <c>wait_seconds</c> (0-120) once it has ended or that time has passed, so a
    /// client sees a run's end when it happens instead of polling (<see cref="RunWaiter"/>).
    /// </summary>
    public static Task<Results<Ok<LinkedRunView>, ProblemHttpResult>> GetAsync(HttpContext http, string id) => TypedEndpoint.RunAsync<Ok<LinkedRunView>>(http, async user =>
    {
        int waitSeconds = QueryValues.Int(http.Request, "wait_seconds", 0, 0, RunWaiter.MaxWaitSeconds);
        if (await Service(http).GetAsync(user.Id, id, http.RequestAborted) is not { } run) return ApiResults.NotFound("backtest", id);
        run = await http.RequestServices.GetRequiredService<RunWaiter>().WaitAsync(user.Id, run, TimeSpan.FromSeconds(waitSeconds), null, http.RequestAborted);
        return TypedResults.Ok(new LinkedRunView(run, Links(run.BacktestId)));
    });

    public static Task<Results<Ok<ResultsView>, ProblemHttpResult>> ResultsAsync(HttpContext http, string id) => TypedEndpoint.RunAsync<Ok<ResultsView>>(http, async user =>
        await Service(http).GetResultsAsync(user.Id, id, QueryValues.Int(http.Request, "trades_offset", 0), QueryValues.Int(http.Request, "trades_limit", 100),
            QueryValues.Int(http.Request, "max_points", BacktestService.DefaultMaxPoints), http.RequestAborted) is { } results
            ? TypedResults.Ok(results) : ApiResults.NotFound("backtest", id));

    public static Task<Results<Ok<TradesPageView>, ProblemHttpResult>> TradesAsync(HttpContext http, string id) => TypedEndpoint.RunAsync<Ok<TradesPageView>>(http, async user =>
        await Service(http).GetTradesAsync(user.Id, id, QueryValues.Int(http.Request, "offset", 0), QueryValues.Int(http.Request, "limit", 100), http.RequestAborted) is { } page
            ? TypedResults.Ok(new TradesPageView(id, page.Items.Select(TradeView.From).ToArray(), page.Total, page.Offset, page.Limit))
            : ApiResults.NotFound("backtest", id));

    public static Task<Results<Ok<EquityView>, ProblemHttpResult>> EquityAsync(HttpContext http, string id) => TypedEndpoint.RunAsync<Ok<EquityView>>(http, async user =>
        await Service(http).GetEquityAsync(user.Id, id, QueryValues.Int(http.Request, "max_points", BacktestService.DefaultMaxPoints), http.RequestAborted) is { } equity
            ? TypedResults.Ok(equity) : ApiResults.NotFound("backtest", id));

    /// <summary>The requested metrics by name (all when none are named); the metric set is the one stored with the results.</summary>
    public static Task<Results<Ok<MetricsView>, ProblemHttpResult>> MetricsAsync(HttpContext http, string id) => TypedEndpoint.RunAsync<Ok<MetricsView>>(http, async user =>
        await Service(http).GetMetricsAsync(user.Id, id, QueryValues.List(http.Request, "names"), http.RequestAborted) is { } metrics
            ? TypedResults.Ok(metrics) : ApiResults.NotFound("backtest", id));

    public static Task<Results<Ok<RunView>, ProblemHttpResult>> CancelAsync(HttpContext http, string id) => TypedEndpoint.RunAsync<Ok<RunView>>(http, async user =>
        await Service(http).CancelAsync(user.Id, id, http.RequestAborted) is { } run ? TypedResults.Ok(run) : ApiResults.NotFound("backtest", id));

    /// <summary>
    /// Server-Sent Events: the run's current progress first, then every backtest_progress message,
    /// ending with backtest_complete. Each event's data is the platform's {"type", "data"} JSON.
    /// </summary>
    public static Task<Results<EventStreamResult<BacktestStreamEvents>, ProblemHttpResult>> EventsAsync(HttpContext http, string id) => TypedEndpoint.RunAsync<EventStreamResult<BacktestStreamEvents>>(http, async user =>
    {
        var service = Service(http);
        var run = await service.GetAsync(user.Id, id, http.RequestAborted);
        if (run is null) return ApiResults.NotFound("backtest", id);
        var services = http.RequestServices;
        return new EventStreamResult<BacktestStreamEvents>(new RunEventStream(services.GetRequiredService<RunEventHub>(), services.GetService<ILocalRuns>(), service, services.GetRequiredService<TimeProvider>(), user.Id, id));
    });

    /// <summary>The 202 body: id, status and where to look next.</summary>
    public static RunAcceptedView Accepted(RunView run) => new(run.BacktestId, run.Status, run.Kind, Links(run.BacktestId));

    public static Dictionary<string, string> Links(string id) => new()
    {
        ["self"] = $"{Prefix}/{id}",
        ["results"] = $"{Prefix}/{id}/results",
        ["trades"] = $"{Prefix}/{id}/trades",
        ["equity"] = $"{Prefix}/{id}/equity",
        ["metrics"] = $"{Prefix}/{id}/metrics",
        ["events"] = $"{Prefix}/{id}/events",
    };

    private static BacktestService Service(HttpContext http) => http.RequestServices.GetRequiredService<BacktestService>();

    private static long MaxBody(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<BacktestingLimits>>().Value.MaxRequestBodyBytes;
}
