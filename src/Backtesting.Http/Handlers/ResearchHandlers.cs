using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;
using Backtesting.Application.Research;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Backtesting.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backtesting.Http.Handlers;

/// <summary>
/// The research jobs (/api/optimizations, /api/walk-forward, /api/monte-carlo, /api/portfolios,
/// /api/comparisons): submit, status with summary, the optimization's cell table, cancel.
/// </summary>
public static class ResearchHandlers
{
    public const string OptimizationsPrefix = "/api/optimizations";
    public const string WalkForwardPrefix = "/api/walk-forward";
    public const string MonteCarloPrefix = "/api/monte-carlo";
    public const string PortfoliosPrefix = "/api/portfolios";
    public const string ComparisonsPrefix = "/api/comparisons";

    public static Task<Results<Accepted<RunAcceptedView>, ProblemHttpResult>> SubmitOptimizationAsync(HttpContext http) =>
        SubmitAsync<OptimizationApiRequest>(http, OptimizationsPrefix, "best_backtest_results", (s, user, request, ct) => s.SubmitOptimizationAsync(user, request, ct));

    public static Task<Results<Accepted<RunAcceptedView>, ProblemHttpResult>> SubmitWalkForwardAsync(HttpContext http) =>
        SubmitAsync<WalkForwardApiRequest>(http, WalkForwardPrefix, "out_of_sample_backtest_results", (s, user, request, ct) => s.SubmitWalkForwardAsync(user, request, ct));

    public static Task<Results<Accepted<RunAcceptedView>, ProblemHttpResult>> SubmitMonteCarloAsync(HttpContext http) =>
        SubmitAsync<MonteCarloApiRequest>(http, MonteCarloPrefix, "base_backtest_results", (s, user, request, ct) => s.SubmitMonteCarloAsync(user, request, ct));

    public static Task<Results<Accepted<RunAcceptedView>, ProblemHttpResult>> SubmitPortfolioAsync(HttpContext http) =>
        SubmitAsync<PortfolioApiRequest>(http, PortfoliosPrefix, "portfolio_backtest_results", (s, user, request, ct) => s.SubmitPortfolioAsync(user, request, ct));

    public static Task<Results<Accepted<RunAcceptedView>, ProblemHttpResult>> SubmitComparisonAsync(HttpContext http) =>
        SubmitAsync<ComparisonApiRequest>(http, ComparisonsPrefix, "best_backtest_results", (s, user, request, ct) => s.SubmitComparisonAsync(user, request, ct));

    /// <summary>Status of a research run of <paramref name="kind"/>, with its summary once completed (the summary's kind says which shape it has).</summary>
    public static Task<Results<Ok<ResearchRunView>, ProblemHttpResult>> GetAsync(HttpContext http, string id, string kind) => TypedEndpoint.RunAsync<Ok<ResearchRunView>>(http, async user =>
        await Service(http).GetSummaryAsync(user.Id, id, kind, http.RequestAborted) is { } run ? TypedResults.Ok(run) : ApiResults.NotFound(Noun(kind), id));

    public static Task<Results<Ok<OptimizationCellsPage>, ProblemHttpResult>> CellsAsync(HttpContext http, string id) => TypedEndpoint.RunAsync<Ok<OptimizationCellsPage>>(http, async user =>
        await Service(http).GetCellsAsync(user.Id, id, QueryValues.Int(http.Request, "offset", 0), QueryValues.Int(http.Request, "limit", 100), http.RequestAborted) is { } page
            ? TypedResults.Ok(page) : ApiResults.NotFound("optimization", id));

    /// <summary>GET /api/comparisons/{id}/candidates/{index}/equity: one candidate's stored equity (max_points as the backtests' equity).</summary>
    public static Task<Results<Ok<EquityView>, ProblemHttpResult>> CandidateEquityAsync(HttpContext http, string id, int index) => TypedEndpoint.RunAsync<Ok<EquityView>>(http, async user =>
        await Service(http).GetCandidateEquityAsync(user.Id, id, index, QueryValues.Int(http.Request, "max_points", BacktestService.DefaultMaxPoints), http.RequestAborted) is { } equity
            ? TypedResults.Ok(equity) : ApiResults.NotFound("strategy comparison", id));

    public static Task<Results<Ok<RunView>, ProblemHttpResult>> CancelAsync(HttpContext http, string id, string kind) => TypedEndpoint.RunAsync<Ok<RunView>>(http, async user =>
    {
        var service = Service(http);
        if (await service.GetSummaryAsync(user.Id, id, kind, http.RequestAborted) is null) return ApiResults.NotFound(Noun(kind), id);
        return await service.CancelAsync(user.Id, id, http.RequestAborted) is { } run ? TypedResults.Ok(run) : ApiResults.NotFound(Noun(kind), id);
    });

    /// <summary>202 with the run id and where to look next; <paramref name="backtestLink"/> names the run's representative backtest.</summary>
    public static Accepted<RunAcceptedView> Accepted(string prefix, RunView run, string backtestLink = "best_backtest_results") =>
        ApiResults.Accepted($"{prefix}/{run.BacktestId}", new RunAcceptedView(run.BacktestId, run.Status, run.Kind, new Dictionary<string, string>
        {
            ["self"] = $"{prefix}/{run.BacktestId}",
            ["events"] = $"{BacktestHandlers.Prefix}/{run.BacktestId}/events",
            [backtestLink] = $"{BacktestHandlers.Prefix}/{run.BacktestId}/results",
        }));

    public static string Noun(string kind) => kind switch
    {
        RunKind.Optimization => "optimization",
        RunKind.WalkForward => "walk-forward analysis",
        RunKind.MonteCarlo => "Monte Carlo simulation",
        RunKind.Portfolio => "portfolio backtest",
        RunKind.Comparison => "strategy comparison",
        _ => "run",
    };

    /// <summary>Reads the body as <typeparamref name="TRequest"/>, submits it and answers 202 (or the problem).</summary>
    private static Task<Results<Accepted<RunAcceptedView>, ProblemHttpResult>> SubmitAsync<TRequest>(HttpContext http, string prefix, string backtestLink,
        Func<ResearchService, string, TRequest?, CancellationToken, Task<RunView>> submit) => TypedEndpoint.RunAsync<Accepted<RunAcceptedView>>(http, async user =>
    {
        var (request, problem) = await RequestBody.ReadJsonAsync<TRequest>(http.Request, MaxBody(http), http.RequestAborted);
        if (problem is not null) return problem;
        var run = await submit(Service(http), user.Id, request, http.RequestAborted);
        return Accepted(prefix, run, backtestLink);
    });

    private static ResearchService Service(HttpContext http) => http.RequestServices.GetRequiredService<ResearchService>();

    private static long MaxBody(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<BacktestingLimits>>().Value.MaxRequestBodyBytes;
}
