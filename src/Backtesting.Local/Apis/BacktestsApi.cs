using Backtesting.Application.Backtests;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Backtesting.Http.Handlers;
using Backtesting.Http.Responses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Backtesting.Local.Apis;

/// <summary>Routes of /api/backtests onto the shared handlers, whose typed results give the response schemas.</summary>
public static class BacktestsApi
{
    public static RouteGroupBuilder MapBacktestsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(BacktestHandlers.Prefix).WithTags("Backtests").WithCallerProblems();
        group.MapPost("/", (Delegate)SubmitBacktest).Accepts<BacktestRequest>("application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).WithSummary("Start a backtest");
        group.MapGet("/", (Delegate)ListBacktests).ProducesValidationProblem().WithSummary("The caller's runs, newest first (offset, limit, status, kind)");
        group.MapGet("/{id}", (HttpContext http, string id) => BacktestHandlers.GetAsync(http, id)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Status and progress of a run, with links; wait_seconds (0-120) answers once the run has ended or that time has passed");
        group.MapGet("/{id}/results", (HttpContext http, string id) => BacktestHandlers.ResultsAsync(http, id)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Metrics, a page of trades and the downsampled equity curve");
        group.MapGet("/{id}/trades", (HttpContext http, string id) => BacktestHandlers.TradesAsync(http, id)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Trades in order, paged (offset, limit)");
        group.MapGet("/{id}/equity", (HttpContext http, string id) => BacktestHandlers.EquityAsync(http, id)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Equity curve downsampled to max_points");
        group.MapGet("/{id}/metrics", (HttpContext http, string id) => BacktestHandlers.MetricsAsync(http, id)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Named metrics (names=a,b; all when omitted) by name");
        group.MapGet("/{id}/events", (HttpContext http, string id) => BacktestHandlers.EventsAsync(http, id)).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Live progress as Server-Sent Events");
        group.MapDelete("/{id}", (HttpContext http, string id) => BacktestHandlers.CancelAsync(http, id)).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Cancel a pending or running run");
        return group;
    }

    private static Task<Results<Accepted<RunAcceptedView>, ProblemHttpResult>> SubmitBacktest(HttpContext http) => BacktestHandlers.SubmitAsync(http);
    private static Task<Results<Ok<Page<RunView>>, ProblemHttpResult>> ListBacktests(HttpContext http) => BacktestHandlers.ListAsync(http);
}
