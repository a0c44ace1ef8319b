using Backtesting.Application.Backtests;
using Backtesting.Application.Views;
using Backtesting.Http.Handlers;

namespace Backtesting.Local.Apis;

/// <summary>Routes of /api/backtests onto the shared handlers.</summary>
public static class BacktestsApi
{
    public static RouteGroupBuilder MapBacktestsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(BacktestHandlers.Prefix).WithTags("Backtests");
        group.MapPost("/", (Delegate)SubmitBacktest).Accepts<BacktestRequest>("application/json").Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests).WithSummary("Start a backtest");
        group.MapGet("/", (Delegate)ListBacktests).Produces<IReadOnlyList<RunView>>().WithSummary("The caller's runs, newest first (offset, limit, status, kind)");
        group.MapGet("/{id}", (Delegate)GetBacktest).Produces<RunView>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Status and progress of a run");
        group.MapGet("/{id}/results", (Delegate)GetResults).Produces<ResultsView>().WithSummary("Metrics, a page of trades and the downsampled equity curve");
        group.MapGet("/{id}/trades", (Delegate)GetTrades).WithSummary("Trades in order, paged (offset, limit)");
        group.MapGet("/{id}/equity", (Delegate)GetEquity).Produces<EquityView>().WithSummary("Equity curve downsampled to max_points");
        group.MapGet("/{id}/metrics", (Delegate)GetMetrics).WithSummary("Named metrics (names=a,b)");
        group.MapGet("/{id}/events", (Delegate)GetEvents).Produces(StatusCodes.Status200OK, contentType: "text/event-stream").WithSummary("Live progress as Server-Sent Events");
        group.MapDelete("/{id}", (Delegate)CancelBacktest).Produces<RunView>().WithSummary("Cancel a pending or running run");
        return group;
    }

    private static Task<IResult> SubmitBacktest(HttpContext http) => BacktestHandlers.SubmitAsync(http);
    private static Task<IResult> ListBacktests(HttpContext http) => BacktestHandlers.ListAsync(http);
    private static Task<IResult> GetBacktest(HttpContext http, string id) => BacktestHandlers.GetAsync(http, id);
    private static Task<IResult> GetResults(HttpContext http, string id) => BacktestHandlers.ResultsAsync(http, id);
    private static Task<IResult> GetTrades(HttpContext http, string id) => BacktestHandlers.TradesAsync(http, id);
    private static Task<IResult> GetEquity(HttpContext http, string id) => BacktestHandlers.EquityAsync(http, id);
    private static Task<IResult> GetMetrics(HttpContext http, string id) => BacktestHandlers.MetricsAsync(http, id);
    private static Task<IResult> GetEvents(HttpContext http, string id) => BacktestHandlers.EventsAsync(http, id);
    private static Task<IResult> CancelBacktest(HttpContext http, string id) => BacktestHandlers.CancelAsync(http, id);
}
