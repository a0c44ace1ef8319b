using Backtesting.Application.Runs;
using Backtesting.Functions.Durable;
using Backtesting.Http.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backtesting.Functions.Http;

/// <summary>
/// The research jobs over <see cref="ResearchHandlers"/>, the same routes as the local host: per kind
/// POST (202, starts the orchestration), GET /{id}, GET /{id}/results and DELETE /{id} (cancel =
/// terminate); GET /api/optimizations/{id}/cells.
/// </summary>
public sealed class ResearchHttpFunctions(DurableClientScope durable)
{
    [Function("Optimizations_HttpStart")]
    public Task<IActionResult> SubmitOptimizationsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/optimizations")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HttpFunction.RunAsync(request, client, durable, ResearchHandlers.SubmitOptimizationAsync);

    [Function("Optimizations_Get")]
    public Task<IActionResult> GetOptimizationsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/optimizations/{id}")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => ResearchHandlers.GetAsync(http, id, RunKind.Optimization));

    [Function("Optimizations_Results")]
    public Task<IActionResult> GetOptimizationsResultsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/optimizations/{id}/results")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => ResearchHandlers.GetAsync(http, id, RunKind.Optimization));

    [Function("Optimizations_Cancel")]
    public Task<IActionResult> CancelOptimizationsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/optimizations/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client) =>
        HttpFunction.RunAsync(request, client, durable, http => ResearchHandlers.CancelAsync(http, id, RunKind.Optimization));

    [Function("WalkForward_HttpStart")]
    public Task<IActionResult> SubmitWalkForwardAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/walk-forward")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HttpFunction.RunAsync(request, client, durable, ResearchHandlers.SubmitWalkForwardAsync);

    [Function("WalkForward_Get")]
    public Task<IActionResult> GetWalkForwardAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/walk-forward/{id}")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => ResearchHandlers.GetAsync(http, id, RunKind.WalkForward));

    [Function("WalkForward_Results")]
    public Task<IActionResult> GetWalkForwardResultsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/walk-forward/{id}/results")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => ResearchHandlers.GetAsync(http, id, RunKind.WalkForward));

    [Function("WalkForward_Cancel")]
    public Task<IActionResult> CancelWalkForwardAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/walk-forward/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client) =>
        HttpFunction.RunAsync(request, client, durable, http => ResearchHandlers.CancelAsync(http, id, RunKind.WalkForward));

    [Function("MonteCarlo_HttpStart")]
    public Task<IActionResult> SubmitMonteCarloAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/monte-carlo")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HttpFunction.RunAsync(request, client, durable, ResearchHandlers.SubmitMonteCarloAsync);

    [Function("MonteCarlo_Get")]
    public Task<IActionResult> GetMonteCarloAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/monte-carlo/{id}")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => ResearchHandlers.GetAsync(http, id, RunKind.MonteCarlo));

    [Function("MonteCarlo_Results")]
    public Task<IActionResult> GetMonteCarloResultsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/monte-carlo/{id}/results")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => ResearchHandlers.GetAsync(http, id, RunKind.MonteCarlo));

    [Function("MonteCarlo_Cancel")]
    public Task<IActionResult> CancelMonteCarloAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/monte-carlo/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client) =>
        HttpFunction.RunAsync(request, client, durable, http => ResearchHandlers.CancelAsync(http, id, RunKind.MonteCarlo));

    [Function("Portfolios_HttpStart")]
    public Task<IActionResult> SubmitPortfoliosAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/portfolios")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HttpFunction.RunAsync(request, client, durable, ResearchHandlers.SubmitPortfolioAsync);

    [Function("Portfolios_Get")]
    public Task<IActionResult> GetPortfoliosAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portfolios/{id}")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => ResearchHandlers.GetAsync(http, id, RunKind.Portfolio));

    [Function("Portfolios_Results")]
    public Task<IActionResult> GetPortfoliosResultsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/portfolios/{id}/results")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => ResearchHandlers.GetAsync(http, id, RunKind.Portfolio));

    [Function("Portfolios_Cancel")]
    public Task<IActionResult> CancelPortfoliosAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/portfolios/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client) =>
        HttpFunction.RunAsync(request, client, durable, http => ResearchHandlers.CancelAsync(http, id, RunKind.Portfolio));

    [Function("Comparisons_HttpStart")]
    public Task<IActionResult> SubmitComparisonsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/comparisons")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HttpFunction.RunAsync(request, client, durable, ResearchHandlers.SubmitComparisonAsync);

    [Function("Comparisons_Get")]
    public Task<IActionResult> GetComparisonsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/comparisons/{id}")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => ResearchHandlers.GetAsync(http, id, RunKind.Comparison));

    [Function("Comparisons_Results")]
    public Task<IActionResult> GetComparisonsResultsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/comparisons/{id}/results")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => ResearchHandlers.GetAsync(http, id, RunKind.Comparison));

    [Function("Comparisons_Cancel")]
    public Task<IActionResult> CancelComparisonsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/comparisons/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client) =>
        HttpFunction.RunAsync(request, client, durable, http => ResearchHandlers.CancelAsync(http, id, RunKind.Comparison));

    [Function("Optimizations_Cells")]
    public Task<IActionResult> GetOptimizationCellsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/optimizations/{id}/cells")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => ResearchHandlers.CellsAsync(http, id));

    [Function("Comparisons_CandidateEquity")]
    public Task<IActionResult> GetComparisonCandidateEquityAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/comparisons/{id}/candidates/{index:int}/equity")] HttpRequest request, string id, int index) =>
        HttpFunction.RunAsync(request, http => ResearchHandlers.CandidateEquityAsync(http, id, index));
}
