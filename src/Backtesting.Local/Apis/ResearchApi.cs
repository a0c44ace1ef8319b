using Backtesting.Application.Research;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Backtesting.Http.Handlers;
using Backtesting.Http.Responses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Backtesting.Local.Apis;

/// <summary>Routes of the research jobs onto the shared handlers: per kind POST, GET /{id}, GET /{id}/results and DELETE /{id}.</summary>
public static class ResearchApi
{
    public static IEndpointRouteBuilder MapResearchApi(this IEndpointRouteBuilder app)
    {
        var optimizations = app.MapResearchKind<OptimizationApiRequest>(ResearchHandlers.OptimizationsPrefix, "Optimizations", RunKind.Optimization,
            ResearchHandlers.SubmitOptimizationAsync, "Start a grid or random-search optimization", "the summary (best cell, top N)");
        optimizations.MapGet("/{id}/cells", (HttpContext http, string id) => ResearchHandlers.CellsAsync(http, id)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The full cell table, paged (offset, limit)");
        app.MapResearchKind<WalkForwardApiRequest>(ResearchHandlers.WalkForwardPrefix, "Walk-forward", RunKind.WalkForward,
            ResearchHandlers.SubmitWalkForwardAsync, "Start a walk-forward analysis (in-sample grid search, out-of-sample trading, stitched)",
            "the summary (every window's parameters and results, stitched out-of-sample metrics, walk_forward_efficiency = stitched out-of-sample "
            + "annual return / mean in-sample annual return, null unless that mean > 0; definitions: README, Research results)");
        app.MapResearchKind<MonteCarloApiRequest>(ResearchHandlers.MonteCarloPrefix, "Monte Carlo", RunKind.MonteCarlo,
            ResearchHandlers.SubmitMonteCarloAsync, "Start a Monte Carlo study (trade reshuffle/bootstrap or simulated price paths)",
            "the summary (percentiles of every metric by linear interpolation, each with its baseline on the paths' drawdown_basis: trades for "
            + "the trade methods, which resample closed trades only, bars for price paths; probability of loss and of a deep drawdown, fan-chart bands)");
        app.MapResearchKind<PortfolioApiRequest>(ResearchHandlers.PortfoliosPrefix, "Portfolios", RunKind.Portfolio,
            ResearchHandlers.SubmitPortfolioAsync, "Start a multi-asset portfolio backtest (weights, one cash account, optional rebalancing)",
            "the summary (portfolio metrics, each asset's pnl, contribution, fees and trades)");
        var comparisons = app.MapResearchKind<ComparisonApiRequest>(ResearchHandlers.ComparisonsPrefix, "Comparisons", RunKind.Comparison,
            ResearchHandlers.SubmitComparisonAsync, "Start a strategy comparison on one asset and window",
            "the summary (metrics side by side, ranking, correlation of daily returns)");
        comparisons.MapGet("/{id}/candidates/{index:int}/equity", (HttpContext http, string id, int index) => ResearchHandlers.CandidateEquityAsync(http, id, index))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One candidate's equity (last of each UTC day), downsampled to max_points: overlay every candidate without running it again");
        return app;
    }

    private static RouteGroupBuilder MapResearchKind<TRequest>(this IEndpointRouteBuilder app, string prefix, string tag, string kind,
        Func<HttpContext, Task<Results<Accepted<RunAcceptedView>, ProblemHttpResult>>> submit, string submitSummary, string contents) where TRequest : notnull
    {
        var group = app.MapGroup(prefix).WithTags(tag).WithCallerProblems();
        group.MapPost("/", submit).Accepts<TRequest>("application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).WithSummary(submitSummary);
        group.MapGet("/{id}", (HttpContext http, string id) => ResearchHandlers.GetAsync(http, id, kind))
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary($"Status, and {contents} once completed");
        group.MapGet("/{id}/results", (HttpContext http, string id) => ResearchHandlers.GetAsync(http, id, kind))
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Same as GET /{id}");
        group.MapDelete("/{id}", (HttpContext http, string id) => ResearchHandlers.CancelAsync(http, id, kind))
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Cancel a pending or running job");
        return group;
    }
}
