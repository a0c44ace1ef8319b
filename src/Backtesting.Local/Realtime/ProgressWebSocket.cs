using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.Runs;
using Backtesting.Application.Sessions;
using Backtesting.Application.Users;
using Backtesting.Engine.Validation;
using Backtesting.Http;
using Backtesting.Http.Handlers;
using Backtesting.Local.Apis;
using Backtesting.Mcp;
using Backtesting.Mcp.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Backtesting.Local.Realtime;

/// <summary>
/// /ws speaks the platform's messages. In: {"type":"backtest_start","payload":{...}} and
/// {"type":"backtest_status","backtestId":"..."}, {"type":"session_subscribe","sessionId":"ts-..."}. Out: backtest_started,
/// backtest_progress, backtest_complete, session_bar, session_fill, session_closed and error. Callers authenticate with the usual headers (non-browser clients) or
/// ?ticket= from <c>POST /api/ws-ticket</c> (browsers); keys in the query string are refused. Browser
/// origins follow the MCP endpoint's rule, and a message larger than <see cref="MaxMessageBytes"/> closes
/// the socket with 1009.
/// </summary>
public static class ProgressWebSocket
{
    /// <summary>Largest message a client may send (a backtest_start is well under 1 KB).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapProgressWebSocket(this IEndpointRouteBuilder app)
    {
        app.Map("/ws", AcceptAsync).WithTags("Realtime").WithSummary("WebSocket: backtest_start / backtest_status / session_subscribe in; progress, completion and session events out");
        app.MapPost("/api/ws-ticket", (Delegate)IssueTicket).WithTags("Realtime").WithCallerProblems()
            .WithSummary($"A single-use ticket for /ws?ticket=..., valid for {(int)WebSocketTickets.Lifetime.TotalSeconds} s (browsers cannot send headers on a WebSocket)");
        return app;
    }

    private static Task<Results<Ok<WebSocketTicketView>, ProblemHttpResult>> IssueTicket(HttpContext http) =>
        TypedEndpoint.RunAsync<Ok<WebSocketTicketView>>(http, user => Task.FromResult<Results<Ok<WebSocketTicketView>, ProblemHttpResult>>(TypedResults.Ok(
            new WebSocketTicketView(http.RequestServices.GetRequiredService<WebSocketTickets>().Issue(user, ApiKeyHeaders.ReadKey(http.Request)), (int)WebSocketTickets.Lifetime.TotalSeconds))));

    private static async Task AcceptAsync(HttpContext http, ApiKeyAuthentication auth, WebSocketTickets tickets, IOptions<McpEndpointOptions> origins)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await ProblemResults.Problem(StatusCodes.Status400BadRequest, "WebSocket expected", "connect with a WebSocket client (Upgrade: websocket)").ExecuteAsync(http);
            return;
        }
        if (!OriginPolicy.IsAllowed(http.Request, origins.Value))
        {
            await ProblemResults.Problem(StatusCodes.Status403Forbidden, "Forbidden",
                $"Origin '{ErrorEchoLimits.Clip(http.Request.Headers.Origin.ToString())}' is not allowed; allowed are localhost origins and {McpEndpointOptions.SectionName}:AllowedOrigins").ExecuteAsync(http);
            return;
        }
        if (http.Request.Query.ContainsKey("api_key"))
        {
            await ProblemResults.Problem(StatusCodes.Status400BadRequest, "Invalid request",
                "api_key: keys are not accepted in the query string; send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>', or ?ticket= from POST /api/ws-ticket").ExecuteAsync(http);
            return;
        }
        User? user;
        if (http.Request.Query.TryGetValue("ticket", out var ticket))
        {
            var redeemed = await tickets.RedeemAsync(ticket.ToString(), http.RequestAborted);
            user = redeemed.User;
            if (redeemed.Refusal is not null) http.Items[ApiKeyCheck.RefusalItem] = redeemed.Refusal;
        }
        else
            user = await auth.AuthenticateAsync(http);
        if (user is null)
        {
            bool given = ApiKeyHeaders.ReadKey(http.Request) is not null || ticket.Count > 0;
            await ApiKeyAuthentication.Unauthorized(http, given).ExecuteAsync(http);
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await new Session(socket, user, http.RequestServices).RunAsync(http.RequestAborted);
    }

    private sealed class Session(WebSocket socket, User user, IServiceProvider services)
    {
        private readonly SemaphoreSlim _send = new(1, 1);
        private readonly List<Task> _forwarders = [];
        // ends session subscriptions (which have no last event until the session closes) when the socket does
        private readonly CancellationTokenSource _socketDone = new();

        public async Task RunAsync(CancellationToken ct)
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            while (socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
            {
                WebSocketReceiveResult received;
                try
                {
                    received = await socket.ReceiveAsync(buffer, ct);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
                {
                    break;
                }
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    break;
                }
                if (message.Length + received.Count > MaxMessageBytes)
                {
                    // stop reading before the message grows: 1009 is "message too big"
                    await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {MaxMessageBytes} bytes", CancellationToken.None);
                    break;
                }
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage) continue;
                string text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                await HandleAsync(text, ct);
            }
            _socketDone.Cancel();
            await Task.WhenAll(_forwarders).ConfigureAwait(false);
        }

        private async Task HandleAsync(string text, CancellationToken ct)
        {
            try
            {
                services.GetRequiredService<UserRateLimiter>().Acquire(user.Id);
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                string? type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) ? t.GetString() : null;
                switch (type)
                {
                    case "backtest_start":
                        var request = root.TryGetProperty("payload", out var payload) ? payload.Deserialize<BacktestRequest>(WorkflowJson.Options) : null;
                        var run = await services.GetRequiredService<BacktestService>().SubmitAsync(user.Id, request, ct);
                        // subscribed before the client learns the id, so every event after backtest_started reaches it
                        var subscription = services.GetRequiredService<RunEventHub>().Subscribe(run.BacktestId);
                        try
                        {
                            await SendAsync("backtest_started", BacktestHandlers.Accepted(run), ct);
                        }
                        catch
                        {
                            subscription.Dispose();
                            throw;
                        }
                        Forward(run.BacktestId, subscription, ct);
                        break;
                    case "backtest_status":
                        string? id = root.TryGetProperty("backtestId", out var idElement) ? idElement.GetString() : null;
                        var current = id is null ? null : await services.GetRequiredService<BacktestService>().GetAsync(user.Id, id, ct);
                        if (current is null)
                        {
                            await SendErrorAsync($"no backtest with id '{ErrorEchoLimits.Clip(id)}'", [], ct);
                            break;
                        }
                        await SendAsync(RunEvent.Progress, ProgressMessage.From(current), ct);
                        var hub = services.GetRequiredService<RunEventHub>();
                        if (!RunStatus.IsTerminal(current.Status)) Forward(current.BacktestId, hub.Subscribe(current.BacktestId), ct);
                        else await SendAsync(RunEvent.Complete, await CompletionMessage.OfEndedRunAsync(hub, services.GetRequiredService<BacktestService>(), user.Id, current, ct), ct);
                        break;
                    case "session_subscribe":
                        string? sessionId = root.TryGetProperty("sessionId", out var sessionElement) && sessionElement.ValueKind == JsonValueKind.String ? sessionElement.GetString() : null;
                        await SubscribeSessionAsync(sessionId ?? "", ct);
                        break;
                    default:
                        await SendErrorAsync($"unknown message type '{ErrorEchoLimits.Clip(type)}'; allowed: backtest_start, backtest_status, session_subscribe", [], ct);
                        break;
                }
            }
            catch (ValidationException ex)
            {
                await SendErrorAsync("invalid backtest_start payload", ex.Errors, ct);
            }
            catch (LimitExceededException ex)
            {
                await SendErrorAsync(ex.Message, [], ct);
            }
            catch (JsonException ex)
            {
                await SendErrorAsync("message is not valid JSON: " + ex.Message.Split(". ")[0], [], ct);
            }
        }

        /// <summary>
        /// session_subscribe: the session's current state as a session_bar, then its live events until session_closed.
        /// Only the owner's session is found; any other id answers an error and subscribes to nothing.
        /// </summary>
        private async Task SubscribeSessionAsync(string sessionId, CancellationToken ct)
        {
            var subscription = services.GetRequiredService<RunEventHub>().Subscribe(sessionId);
            SessionView state;
            try
            {
                state = await services.GetRequiredService<TradingSessionService>().GetAsync(user.Id, sessionId, ct);
            }
            catch (SessionNotFoundException)
            {
                subscription.Dispose();
                await SendErrorAsync($"no trading session with id '{ErrorEchoLimits.Clip(sessionId)}'", [], ct);
                return;
            }
            await SendAsync(RunEvent.SessionBar, SessionBarMessage.From(state), ct);
            if (state.Status == SessionStatus.Closed)
            {
                subscription.Dispose();
                await SendAsync(RunEvent.SessionClosed, new SessionClosedMessage(state.SessionId, state.RunId!, state.Status), ct);
                return;
            }
            _forwarders.Add(Task.Run(async () =>
            {
                using var done = CancellationTokenSource.CreateLinkedTokenSource(ct, _socketDone.Token);
                using (subscription)
                {
                    try
                    {
                        await foreach (var e in subscription.Events.ReadAllAsync(done.Token))
                            if (SessionEvents.IsNewerThan(e, state.Version))
                                await SendAsync(e.Type, e.Data, done.Token);
                    }
                    catch (OperationCanceledException) when (done.IsCancellationRequested)
                    {
                    }
                }
            }, CancellationToken.None));
        }

        /// <summary>Sends the subscription's events to the client until the run's final one.</summary>
        private void Forward(string runId, RunEventHub.Subscription subscription, CancellationToken ct)
        {
            var hub = services.GetRequiredService<RunEventHub>();
            _forwarders.Add(Task.Run(async () =>
            {
                using (subscription)
                {
                    // the run may have finished before we subscribed
                    if (hub.Last(runId) is { IsFinal: true } done)
                    {
                        await SendAsync(done.Type, done.Data, ct);
                        return;
                    }
                    await foreach (var e in subscription.Events.ReadAllAsync(ct))
                        await SendAsync(e.Type, e.Data, ct);
                }
            }, ct));
        }

        private Task SendErrorAsync(string message, IReadOnlyList<ValidationError> errors, CancellationToken ct)
        {
            var (listed, omitted) = ErrorEchoLimits.Cap(errors);
            return SendAsync("error", new { message = message + ErrorEchoLimits.MoreSuffix(omitted), errors = listed.Select(e => new { field = e.Field, value = e.Value, message = e.Message }) }, ct);
        }

        private async Task SendAsync(string type, object data, CancellationToken ct)
        {
            byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(new { type, data }, WorkflowJson.Options);
            await _send.WaitAsync(ct);
            try
            {
                if (socket.State == WebSocketState.Open)
                    await socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct);
            }
            catch (WebSocketException)
            {
            }
            finally
            {
                _send.Release();
            }
        }
    }
}
