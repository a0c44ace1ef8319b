using Backtesting.Functions.Durable;
using Backtesting.Http.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backtesting.Functions.Http;

/// <summary>/api/backtests, the same routes, bodies, statuses and problems as the local host (both call <see cref="BacktestHandlers"/>).</summary>
public sealed class BacktestHttpFunctions(DurableClientScope durable)
{
    private const string Route = "api/backtests";

    /// <summary>Validates and stores the run, then starts its orchestration (instance id = run id); 202 with the run id and links.</summary>
    [Function("Backtests_HttpStart")]
    public Task<IActionResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        HttpFunction.RunAsync(request, client, durable, BacktestHandlers.SubmitAsync);

    [Function("Backtests_List")]
    public Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request) =>
        HttpFunction.RunAsync(request, BacktestHandlers.ListAsync);

    [Function("Backtests_Get")]
    public Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{id}")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => BacktestHandlers.GetAsync(http, id));

    [Function("Backtests_Results")]
    public Task<IActionResult> ResultsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{id}/results")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => BacktestHandlers.ResultsAsync(http, id));

    [Function("Backtests_Trades")]
    public Task<IActionResult> TradesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{id}/trades")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => BacktestHandlers.TradesAsync(http, id));

    [Function("Backtests_Equity")]
    public Task<IActionResult> EquityAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{id}/equity")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => BacktestHandlers.EquityAsync(http, id));

    [Function("Backtests_Metrics")]
    public Task<IActionResult> MetricsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{id}/metrics")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => BacktestHandlers.MetricsAsync(http, id));

    /// <summary>
    /// Server-Sent Events from the in-process event hub: live only for work running on the instance that
    /// serves the request; GET /api/backtests/{id} reads progress from the run store on any instance.
    /// </summary>
    [Function("Backtests_Events")]
    public Task<IActionResult> EventsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{id}/events")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => BacktestHandlers.EventsAsync(http, id));

    /// <summary>Marks the run cancelled and terminates its orchestration.</summary>
    [Function("Backtests_Cancel")]
    public Task<IActionResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{id}")] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client) =>
        HttpFunction.RunAsync(request, client, durable, http => BacktestHandlers.CancelAsync(http, id));
}
