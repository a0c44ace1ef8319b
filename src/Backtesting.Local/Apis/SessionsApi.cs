using Backtesting.Application.Sessions;
using Backtesting.Http.Handlers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Backtesting.Local.Apis;

/// <summary>Routes of /api/sessions (trading sessions) onto the shared handlers, whose typed results give the response schemas.</summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(SessionHandlers.Prefix).WithTags("Sessions").WithCallerProblems();
        group.MapPost("/", (Delegate)CreateSession).Accepts<CreateSessionRequest>("application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Start a trading session that replays an asset's bars from start_date (warmup_bars of history visible)");
        group.MapGet("/", (Delegate)ListSessions).WithSummary("The caller's trading sessions, newest first");
        group.MapGet("/{id}", (HttpContext http, string id) => SessionHandlers.GetAsync(http, id)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A session's state: current bar, cash, equity, position, working orders, version");
        group.MapGet("/{id}/bars", (HttpContext http, string id) => SessionHandlers.BarsAsync(http, id)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The last lookback bars up to the current one (never a later bar)");
        group.MapGet("/{id}/orders", (HttpContext http, string id) => SessionHandlers.OrdersAsync(http, id)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Every order of the session");
        group.MapPost("/{id}/orders", (HttpContext http, string id) => SessionHandlers.PlaceOrderAsync(http, id)).Accepts<PlaceOrderRequest>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Place a market, limit, stop or stop_limit order (fills from the next bar on)");
        group.MapDelete("/{id}/orders/{orderId}", (HttpContext http, string id, string orderId) => SessionHandlers.CancelOrderAsync(http, id, orderId)).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Cancel a working order");
        group.MapGet("/{id}/fills", (HttpContext http, string id) => SessionHandlers.FillsAsync(http, id)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Every fill of the session");
        group.MapGet("/{id}/events", (HttpContext http, string id) => SessionHandlers.EventsAsync(http, id)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Live session_fill, session_bar and session_closed events as Server-Sent Events");
        group.MapPost("/{id}/advance", (HttpContext http, string id) => SessionHandlers.AdvanceAsync(http, id)).Accepts<AdvanceRequest>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Move the clock {bars: n} or {until: time}; returns the fills and the new state");
        group.MapPost("/{id}/autopilot", (HttpContext http, string id) => SessionHandlers.AutopilotAsync(http, id)).Accepts<AutopilotRequest>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Let a strategy trade the next bars in the session's book");
        group.MapPost("/{id}/close", (HttpContext http, string id) => SessionHandlers.CloseAsync(http, id)).Accepts<CloseSessionRequest>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Close the session into a completed run of kind backtrading_session (at: next_open or close)");
        return group;
    }

    private static Task<Results<Created<SessionView>, ProblemHttpResult>> CreateSession(HttpContext http) => SessionHandlers.CreateAsync(http);
    private static Task<Results<Ok<IReadOnlyList<SessionView>>, ProblemHttpResult>> ListSessions(HttpContext http) => SessionHandlers.ListAsync(http);
}
