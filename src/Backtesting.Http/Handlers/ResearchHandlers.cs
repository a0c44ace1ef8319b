using Backtesting.Application.Limits;
using Backtesting.Application.Research;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backtesting.Http.Handlers;

/// <summary>/api/optimizations (and the other research kinds): submit, status with summary, cell table, cancel.</summary>
public static class ResearchHandlers
{
    public const string OptimizationsPrefix = "/api/optimizations";

    public static Task<IResult> SubmitOptimizationAsync(HttpContext http) => HttpEndpoint.RunAsync(http, async user =>
    {
        var (request, problem) = await RequestBody.ReadJsonAsync<OptimizationApiRequest>(http.Request, MaxBody(http), http.RequestAborted);
        if (problem is not null) return problem;
        var run = await Service(http).SubmitOptimizationAsync(user.Id, request, http.RequestAborted);
        return Accepted(OptimizationsPrefix, run);
    });

    /// <summary>Status of a research run of <paramref name="kind"/>, with its summary once completed.</summary>
    public static Task<IResult> GetAsync(HttpContext http, string id, string kind) => HttpEndpoint.RunAsync(http, async user =>
        await Service(http).GetSummaryAsync(user.Id, id, kind, http.RequestAborted) is { } summary ? ApiResults.Ok(summary) : ApiResults.NotFound(Noun(kind), id));

    public static Task<IResult> CellsAsync(HttpContext http, string id) => HttpEndpoint.RunAsync(http, async user =>
        await Service(http).GetCellsAsync(user.Id, id, QueryValues.Int(http.Request, "offset", 0), QueryValues.Int(http.Request, "limit", 100), http.RequestAborted) is { } page
            ? ApiResults.Ok(page) : ApiResults.NotFound("optimization", id));

    public static Task<IResult> CancelAsync(HttpContext http, string id, string kind) => HttpEndpoint.RunAsync(http, async user =>
    {
        var service = Service(http);
        if (await service.GetSummaryAsync(user.Id, id, kind, http.RequestAborted) is null) return ApiResults.NotFound(Noun(kind), id);
        return ApiResults.Ok(await service.CancelAsync(user.Id, id, http.RequestAborted));
    });

    /// <summary>202 with the run id and where to look next.</summary>
    public static IResult Accepted(string prefix, RunView run) => ApiResults.Accepted($"{prefix}/{run.BacktestId}", new
    {
        backtest_id = run.BacktestId,
        status = run.Status,
        kind = run.Kind,
        links = new Dictionary<string, string>
        {
            ["self"] = $"{prefix}/{run.BacktestId}",
            ["events"] = $"{BacktestHandlers.Prefix}/{run.BacktestId}/events",
            ["best_backtest_results"] = $"{BacktestHandlers.Prefix}/{run.BacktestId}/results",
        },
    });

    public static string Noun(string kind) => kind switch
    {
        RunKind.Optimization => "optimization",
        RunKind.WalkForward => "walk-forward analysis",
        RunKind.MonteCarlo => "Monte Carlo simulation",
        RunKind.Portfolio => "portfolio backtest",
        RunKind.Comparison => "strategy comparison",
        _ => "run",
    };

    private static ResearchService Service(HttpContext http) => http.RequestServices.GetRequiredService<ResearchService>();

    private static long MaxBody(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<BacktestingLimits>>().Value.MaxRequestBodyBytes;
}
