using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.Runs;
using Backtesting.Application.Users;
using Backtesting.Engine.Validation;
using Backtesting.Http;
using Backtesting.Http.Handlers;

namespace Backtesting.Local.Realtime;

/// <summary>
/// /ws speaks the platform's messages. In: {"type":"backtest_start","payload":{...}} and
/// {"type":"backtest_status","backtestId":"..."}. Out: backtest_started, backtest_progress,
/// backtest_complete and error. The key comes from the usual headers or, for browsers, ?api_key=.
/// </summary>
public static class ProgressWebSocket
{
    public static IEndpointRouteBuilder MapProgressWebSocket(this IEndpointRouteBuilder app)
    {
        app.Map("/ws", AcceptAsync).WithTags("Realtime").WithSummary("WebSocket: backtest_start / backtest_status in, progress and completion out");
        return app;
    }

    private static async Task AcceptAsync(HttpContext http, ApiKeyAuthentication auth, ApiKeyService keys)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await ProblemResults.Problem(StatusCodes.Status400BadRequest, "WebSocket expected", "connect with a WebSocket client (Upgrade: websocket)").ExecuteAsync(http);
            return;
        }
        var user = await auth.AuthenticateAsync(http);
        if (user is null && http.Request.Query["api_key"] is { Count: > 0 } key)
            user = await keys.AuthenticateAsync(key.ToString(), http.RequestAborted);
        if (user is null)
        {
            await ApiKeyAuthentication.Unauthorized(http, ApiKeyAuthentication.ReadKey(http.Request) is not null).ExecuteAsync(http);
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await new Session(socket, user, http.RequestServices).RunAsync(http.RequestAborted);
    }

    private sealed class Session(WebSocket socket, User user, IServiceProvider services)
    {
        private readonly SemaphoreSlim _send = new(1, 1);
        private readonly List<Task> _forwarders = [];

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
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage) continue;
                string text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                await HandleAsync(text, ct);
            }
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
                        await SendAsync("backtest_started", BacktestHandlers.Accepted(run), ct);
                        Follow(run.BacktestId, ct);
                        break;
                    case "backtest_status":
                        string? id = root.TryGetProperty("backtestId", out var idElement) ? idElement.GetString() : null;
                        var current = id is null ? null : await services.GetRequiredService<BacktestService>().GetAsync(user.Id, id, ct);
                        if (current is null)
                        {
                            await SendErrorAsync($"no backtest with id '{id}'", [], ct);
                            break;
                        }
                        await SendAsync(RunEvent.Progress, ProgressMessage.From(current), ct);
                        if (!RunStatus.IsTerminal(current.Status)) Follow(current.BacktestId, ct);
                        else await SendAsync(RunEvent.Complete, new { backtestId = current.BacktestId, status = current.Status, error = current.Error }, ct);
                        break;
                    default:
                        await SendErrorAsync($"unknown message type '{type}'; allowed: backtest_start, backtest_status", [], ct);
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

        private void Follow(string runId, CancellationToken ct)
        {
            var hub = services.GetRequiredService<RunEventHub>();
            var subscription = hub.Subscribe(runId);
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
