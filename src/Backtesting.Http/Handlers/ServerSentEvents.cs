using System.Text.Json;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Http.Handlers;

/// <summary>
/// The text/event-stream framing every live stream uses (headers once, then one event per message) and the one rule by
/// which a stream follows its source: from the event hub alone while the source is written in this process, else from the
/// hub and reads of the store.
/// </summary>
internal static class ServerSentEvents
{
    /// <summary>How long the hub may stay quiet before a stream of a source written elsewhere reads the store.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

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

    public static Task WriteAsync(HttpContext http, RunEvent e, CancellationToken ct) => WriteAsync(http, e.Type, e.Data, ct);

    /// <summary>
    /// Writes the source's events until its final one, the hub ending the subscription, the source vanishing or disconnect.
    /// While <paramref name="local"/> says the source is written in this process, only hub events are written (no store
    /// reads); otherwise, whenever the hub stays quiet for <see cref="PollInterval"/>, <paramref name="poll"/> reads the store
    /// and returns what this listener has not shown (null: the source is gone). <paramref name="admit"/> passes each hub event
    /// once (false: already shown). Call it after the stream's first read of the store, with the subscription taken before it.
    /// </summary>
    public static async Task FollowAsync(HttpContext http, RunEventHub.Subscription subscription, ILocalEventSource? local, string id,
        Func<RunEvent, bool> admit, Func<CancellationToken, Task<IReadOnlyList<RunEvent>?>> poll, TimeProvider time, CancellationToken ct)
    {
        // checked after the first read: a source that left this process since then has already published into the subscription
        if (local?.IsActive(id) == true && await PushAsync(http, subscription, admit, local.WhenIdleAsync(id), ct)) return;
        while (!ct.IsCancellationRequested)
        {
            var (next, ended) = await NextOrIdleAsync(subscription, time, ct);
            if (ended) return;
            var events = next is null ? await poll(ct) : admit(next) ? [next] : [];
            if (events is null) return;
            foreach (var e in events)
            {
                await WriteAsync(http, e, ct);
                if (e.IsFinal) return;
            }
        }
    }

    /// <summary>Writes hub events until the final one or the hub ending the subscription (true), or until the source left this process (false: poll from here).</summary>
    private static async Task<bool> PushAsync(HttpContext http, RunEventHub.Subscription subscription, Func<RunEvent, bool> admit, Task idle, CancellationToken ct)
    {
        while (true)
        {
            while (subscription.Events.TryRead(out var e))
            {
                if (!admit(e)) continue;
                await WriteAsync(http, e, ct);
                if (e.IsFinal) return true;
            }
            if (idle.IsCompleted) return false;
            var more = subscription.Events.WaitToReadAsync(ct).AsTask();
            await Task.WhenAny(more, idle).WaitAsync(ct);
            if (more is { IsCompletedSuccessfully: true, Result: false }) return true;
        }
    }

    /// <summary>
    /// The subscription's next event, or null when none arrives within <see cref="PollInterval"/> (time to read the store:
    /// the writer may be another instance); Ended when the hub completed the subscription.
    /// </summary>
    private static async Task<(RunEvent? Event, bool Ended)> NextOrIdleAsync(RunEventHub.Subscription subscription, TimeProvider time, CancellationToken ct)
    {
        using var wait = new CancellationTokenSource(PollInterval, time);
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
