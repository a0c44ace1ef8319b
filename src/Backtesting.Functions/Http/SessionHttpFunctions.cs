using Backtesting.Http.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Backtesting.Functions.Http;

/// <summary>/api/sessions: trading sessions, on the same handlers as the local host.</summary>
public sealed class SessionHttpFunctions
{
    [Function("Sessions_Create")]
    public Task<IActionResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sessions")] HttpRequest request) =>
        HttpFunction.RunAsync(request, SessionHandlers.CreateAsync);

    [Function("Sessions_List")]
    public Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/sessions")] HttpRequest request) =>
        HttpFunction.RunAsync(request, SessionHandlers.ListAsync);

    [Function("Sessions_Get")]
    public Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/sessions/{id}")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => SessionHandlers.GetAsync(http, id));

    [Function("Sessions_Bars")]
    public Task<IActionResult> BarsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/sessions/{id}/bars")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => SessionHandlers.BarsAsync(http, id));

    [Function("Sessions_Orders")]
    public Task<IActionResult> OrdersAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/sessions/{id}/orders")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => SessionHandlers.OrdersAsync(http, id));

    /// <summary>
    /// Server-Sent Events of the session. The write may have run on another instance: the stream reads the stored session
    /// whenever this instance's hub stays silent, so the events arrive wherever the subscriber is connected.
    /// </summary>
    [Function("Sessions_Events")]
    public Task<IActionResult> EventsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/sessions/{id}/events")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => SessionHandlers.EventsAsync(http, id));

    [Function("Sessions_PlaceOrder")]
    public Task<IActionResult> PlaceOrderAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sessions/{id}/orders")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => SessionHandlers.PlaceOrderAsync(http, id));

    [Function("Sessions_CancelOrder")]
    public Task<IActionResult> CancelOrderAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/sessions/{id}/orders/{orderId}")] HttpRequest request, string id, string orderId) =>
        HttpFunction.RunAsync(request, http => SessionHandlers.CancelOrderAsync(http, id, orderId));

    [Function("Sessions_Fills")]
    public Task<IActionResult> FillsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/sessions/{id}/fills")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => SessionHandlers.FillsAsync(http, id));

    [Function("Sessions_Advance")]
    public Task<IActionResult> AdvanceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sessions/{id}/advance")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => SessionHandlers.AdvanceAsync(http, id));

    [Function("Sessions_Autopilot")]
    public Task<IActionResult> AutopilotAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sessions/{id}/autopilot")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => SessionHandlers.AutopilotAsync(http, id));

    [Function("Sessions_Close")]
    public Task<IActionResult> CloseAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sessions/{id}/close")] HttpRequest request, string id) =>
        HttpFunction.RunAsync(request, http => SessionHandlers.CloseAsync(http, id));
}
