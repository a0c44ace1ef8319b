using System.Text.Json;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Http.Handlers;

/// <summary>The text/event-stream framing every live stream uses: headers once, then one event per message.</summary>
internal static class ServerSentEvents
{
    public static void Start(HttpContext http)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>Writes <c>event: type</c> and the platform's {"type", "data"} JSON, then flushes so the client sees it now.</summary>
    public static async Task WriteAsync(HttpContext http, string type, object data, CancellationToken ct)
    {
        string json = JsonSerializer.Serialize(new { type, data }, WorkflowJson.Options);
        await http.Response.WriteAsync($"event: {type}\ndata: {json}\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }

    /// <summary>
    /// The subscription's next event, or null when none arrives within <paramref name="pollInterval"/> (time to read the
    /// store: the writer may be another instance); Ended when the hub completed the subscription.
    /// </summary>
    public static async Task<(RunEvent? Event, bool Ended)> NextOrIdleAsync(RunEventHub.Subscription subscription, TimeSpan pollInterval, TimeProvider time, CancellationToken ct)
    {
        using var wait = new CancellationTokenSource(pollInterval, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, wait.Token);
        try
        {
            if (await subscription.Events.WaitToReadAsync(linked.Token) && subscription.Events.TryRead(out var next)) return (next, false);
            return (null, subscription.Events.Completion.IsCompleted);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, false);
        }
    }
}
