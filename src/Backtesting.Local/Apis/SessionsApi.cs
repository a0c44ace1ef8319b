using Backtesting.Application.MarketData;
using Backtesting.Application.Sessions;
using Backtesting.Http.Handlers;

namespace Backtesting.Local.Apis;

/// <summary>Routes of /api/sessions (trading sessions) onto the shared handlers.</summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(SessionHandlers.Prefix).WithTags("Sessions");
        group.MapPost("/", (Delegate)CreateSession).Accepts<CreateSessionRequest>("application/json").Produces<SessionView>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Start a trading session that replays an asset's bars from start_date (warmup_bars of history visible)");
        group.MapGet("/", (Delegate)ListSessions).Produces<IReadOnlyList<SessionView>>().WithSummary("The caller's trading sessions, newest first");
        group.MapGet("/{id}", (Delegate)GetSession).Produces<SessionView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A session's state: current bar, cash, equity, position, working orders, version");
        group.MapGet("/{id}/bars", (Delegate)GetBars).Produces<IReadOnlyList<BarView>>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The last lookback bars up to the current one (never a later bar)");
        group.MapGet("/{id}/orders", (Delegate)GetOrders).Produces<IReadOnlyList<SessionOrderView>>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Every order of the session");
        group.MapPost("/{id}/orders", (Delegate)PlaceOrder).Accepts<PlaceOrderRequest>("application/json").Produces<SessionOrderView>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Place a market, limit, stop or stop_limit order (fills from the next bar on)");
        group.MapDelete("/{id}/orders/{orderId}", (Delegate)CancelOrder).Produces<SessionOrderView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Cancel a working order");
        group.MapGet("/{id}/fills", (Delegate)GetFills).Produces<IReadOnlyList<SessionFillView>>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Every fill of the session");
        group.MapGet("/{id}/events", (Delegate)GetEvents).Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Live session_fill, session_bar and session_closed events as Server-Sent Events");
        group.MapPost("/{id}/advance", (Delegate)Advance).Accepts<AdvanceRequest>("application/json").Produces<SessionAdvanceView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Move the clock {bars: n} or {until: time}; returns the fills and the new state");
        group.MapPost("/{id}/autopilot", (Delegate)Autopilot).Accepts<AutopilotRequest>("application/json").Produces<SessionAdvanceView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Let a strategy trade the next bars in the session's book");
        group.MapPost("/{id}/close", (Delegate)Close).Accepts<CloseSessionRequest>("application/json").Produces<SessionCloseView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Close the session into a completed run of kind backtrading_session (at: next_open or close)");
        return group;
    }

    private static Task<IResult> CreateSession(HttpContext http) => SessionHandlers.CreateAsync(http);
    private static Task<IResult> ListSessions(HttpContext http) => SessionHandlers.ListAsync(http);
    private static Task<IResult> GetSession(HttpContext http, string id) => SessionHandlers.GetAsync(http, id);
    private static Task<IResult> GetBars(HttpContext http, string id) => SessionHandlers.BarsAsync(http, id);
    private static Task<IResult> GetOrders(HttpContext http, string id) => SessionHandlers.OrdersAsync(http, id);
    private static Task<IResult> PlaceOrder(HttpContext http, string id) => SessionHandlers.PlaceOrderAsync(http, id);
    private static Task<IResult> CancelOrder(HttpContext http, string id, string orderId) => SessionHandlers.CancelOrderAsync(http, id, orderId);
    private static Task<IResult> GetEvents(HttpContext http, string id) => SessionHandlers.EventsAsync(http, id);
    private static Task<IResult> GetFills(HttpContext http, string id) => SessionHandlers.FillsAsync(http, id);
    private static Task<IResult> Advance(HttpContext http, string id) => SessionHandlers.AdvanceAsync(http, id);
    private static Task<IResult> Autopilot(HttpContext http, string id) => SessionHandlers.AutopilotAsync(http, id);
    private static Task<IResult> Close(HttpContext http, string id) => SessionHandlers.CloseAsync(http, id);
}
