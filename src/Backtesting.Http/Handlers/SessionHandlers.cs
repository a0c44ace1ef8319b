using System.Globalization;
using Backtesting.Application.Limits;
using Backtesting.Application.Sessions;
using Backtesting.Application.Users;
using Backtesting.Engine.Validation;
using Backtesting.Application.MarketData;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backtesting.Http.Handlers;

/// <summary>
/// /api/sessions: trading sessions (DESIGN.md section 10) in the shared handlers' frame (auth, rate limit, problems).
/// A write may name the version it read in an <c>If-Match</c> header; a stale one, a lost race or a closed session
/// answers 409 with <c>current_version</c>.
/// </summary>
public static class SessionHandlers
{
    public const string Prefix = "/api/sessions";

    public static Task<Results<Created<SessionView>, ProblemHttpResult>> CreateAsync(HttpContext http) => RunAsync<Created<SessionView>>(http, async user =>
    {
        var (request, problem) = await ReadAsync<CreateSessionRequest>(http);
        if (problem is not null) return problem;
        var session = await Service(http).CreateAsync(user.Id, request, http.RequestAborted);
        return TypedResults.Created($"{Prefix}/{session.SessionId}", session);
    });

    public static Task<Results<Ok<IReadOnlyList<SessionView>>, ProblemHttpResult>> ListAsync(HttpContext http) => RunAsync<Ok<IReadOnlyList<SessionView>>>(http, async user =>
        TypedResults.Ok(await Service(http).ListAsync(user.Id, http.RequestAborted)));

    public static Task<Results<Ok<SessionView>, ProblemHttpResult>> GetAsync(HttpContext http, string id) => RunAsync<Ok<SessionView>>(http, async user =>
        TypedResults.Ok(await Service(http).GetAsync(user.Id, id, http.RequestAborted)));

    public static Task<Results<Ok<IReadOnlyList<BarView>>, ProblemHttpResult>> BarsAsync(HttpContext http, string id) => RunAsync<Ok<IReadOnlyList<BarView>>>(http, async user =>
        TypedResults.Ok(await Service(http).GetBarsAsync(user.Id, id, QueryValues.Int(http.Request, "lookback", TradingSessionService.DefaultLookback), http.RequestAborted)));

    public static Task<Results<Ok<IReadOnlyList<SessionOrderView>>, ProblemHttpResult>> OrdersAsync(HttpContext http, string id) => RunAsync<Ok<IReadOnlyList<SessionOrderView>>>(http, async user =>
        TypedResults.Ok(await Service(http).GetOrdersAsync(user.Id, id, http.RequestAborted)));

    public static Task<Results<Ok<IReadOnlyList<SessionFillView>>, ProblemHttpResult>> FillsAsync(HttpContext http, string id) => RunAsync<Ok<IReadOnlyList<SessionFillView>>>(http, async user =>
        TypedResults.Ok(await Service(http).GetFillsAsync(user.Id, id, http.RequestAborted)));

    /// <summary>Server-Sent Events of the session: session_bar, session_fill, session_closed (the owner's only; another user's session is 404).</summary>
    public static Task<Results<EventStreamResult<SessionStreamEvents>, ProblemHttpResult>> EventsAsync(HttpContext http, string id) => RunAsync<EventStreamResult<SessionStreamEvents>>(http, async user =>
    {
        var service = Service(http);
        await service.GetAsync(user.Id, id, http.RequestAborted);
        return new EventStreamResult<SessionStreamEvents>(new SessionEventStream(http.RequestServices.GetRequiredService<Application.Events.RunEventHub>(),
            http.RequestServices.GetService<Application.Events.ILocalSessions>(), service, http.RequestServices.GetRequiredService<TimeProvider>(), user.Id, id));
    });

    public static Task<Results<Created<SessionOrderView>, ProblemHttpResult>> PlaceOrderAsync(HttpContext http, string id) => RunAsync<Created<SessionOrderView>>(http, async user =>
    {
        var (request, problem) = await ReadAsync<PlaceOrderRequest>(http);
        if (problem is not null) return problem;
        var order = await Service(http).PlaceOrderAsync(user.Id, id, request, ExpectedVersion(http), http.RequestAborted);
        return TypedResults.Created($"{Prefix}/{id}/orders/{order.OrderId}", order);
    });

    public static Task<Results<Ok<SessionOrderView>, ProblemHttpResult>> CancelOrderAsync(HttpContext http, string id, string orderId) => RunAsync<Ok<SessionOrderView>>(http, async user =>
        TypedResults.Ok(await Service(http).CancelOrderAsync(user.Id, id, orderId, ExpectedVersion(http), http.RequestAborted)));

    public static Task<Results<Ok<SessionAdvanceView>, ProblemHttpResult>> AdvanceAsync(HttpContext http, string id) => RunAsync<Ok<SessionAdvanceView>>(http, async user =>
    {
        var (request, problem) = await ReadAsync<AdvanceRequest>(http);
        if (problem is not null) return problem;
        return TypedResults.Ok(await Service(http).AdvanceAsync(user.Id, id, request, ExpectedVersion(http), http.RequestAborted));
    });

    public static Task<Results<Ok<SessionAdvanceView>, ProblemHttpResult>> AutopilotAsync(HttpContext http, string id) => RunAsync<Ok<SessionAdvanceView>>(http, async user =>
    {
        var (request, problem) = await ReadAsync<AutopilotRequest>(http);
        if (problem is not null) return problem;
        return TypedResults.Ok(await Service(http).AutopilotAsync(user.Id, id, request, ExpectedVersion(http), http.RequestAborted));
    });

    public static Task<Results<Ok<SessionCloseView>, ProblemHttpResult>> CloseAsync(HttpContext http, string id) => RunAsync<Ok<SessionCloseView>>(http, async user =>
    {
        // the body is optional: no body closes at the next open
        CloseSessionRequest? request = null;
        if (http.Request.ContentLength is > 0 || http.Request.ContentType is not null)
        {
            var (read, problem) = await ReadAsync<CloseSessionRequest>(http);
            if (problem is not null) return problem;
            request = read;
        }
        return TypedResults.Ok(await Service(http).CloseAsync(user.Id, id, request, ExpectedVersion(http), http.RequestAborted));
    });

    private static Task<Results<TSuccess, ProblemHttpResult>> RunAsync<TSuccess>(HttpContext http, Func<User, Task<Results<TSuccess, ProblemHttpResult>>> body)
        where TSuccess : IResult => TypedEndpoint.RunAsync<TSuccess>(http, async user =>
    {
        try
        {
            return await body(user);
        }
        catch (SessionNotFoundException ex)
        {
            return ApiResults.NotFound(ex.What, ex.Id);
        }
        catch (SessionConflictException ex)
        {
            return ProblemResults.Problem(StatusCodes.Status409Conflict, "Conflict", ex.Message,
                new Dictionary<string, object?> { ["current_version"] = ex.CurrentVersion });
        }
    });

    private static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpContext http)
    {
        long maxBody = http.RequestServices.GetRequiredService<IOptions<BacktestingLimits>>().Value.MaxRequestBodyBytes;
        return await RequestBody.ReadJsonAsync<T>(http.Request, maxBody, http.RequestAborted);
    }

    /// <summary>The version named by If-Match ("3" or 3), or null when the caller names none.</summary>
    private static long? ExpectedVersion(HttpContext http)
    {
        if (http.Request.Headers.IfMatch is not { Count: > 0 } header) return null;
        string text = header.ToString().Trim().Trim('"');
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long version) && version > 0
            ? version
            : throw new ValidationException([new ValidationError("If-Match", $"'{header}'", "must be a session version, e.g. \"3\"")]);
    }

    private static TradingSessionService Service(HttpContext http) => http.RequestServices.GetRequiredService<TradingSessionService>();
}
