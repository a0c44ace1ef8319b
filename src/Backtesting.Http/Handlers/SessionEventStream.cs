using Backtesting.Application.Events;
using Backtesting.Application.Sessions;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Http.Handlers;

/// <summary>
/// Streams a trading session's events as text/event-stream: its current state first (a <c>session_bar</c>), then every
/// <c>session_fill</c> and <c>session_bar</c> of later writes, until <c>session_closed</c> or disconnect. Writes in this
/// process publish on the hub and are pushed at once; a write on another instance (Functions scale-out) publishes nothing
/// here, so when the hub stays silent for <see cref="PollInterval"/> the stored session is read and what this listener has
/// not shown is written (<see cref="SessionEventCursor"/> lets each event through once, whichever path brings it).
/// </summary>
internal sealed class SessionEventStream(RunEventHub hub, TradingSessionService sessions, TimeProvider time, string userId, string sessionId) : IResult
{
    public static readonly TimeSpan PollInterval = RunEventStream.PollInterval;

    public async Task ExecuteAsync(HttpContext http)
    {
        ServerSentEvents.Start(http);
        var ct = http.RequestAborted;
        using var subscription = hub.Subscribe(sessionId);
        try
        {
            // after subscribing, so a write in between is either in this state or among the events that follow
            var (session, fills) = await sessions.GetWithFillsAsync(userId, sessionId, ct);
            await WriteAsync(http, SessionEvents.BarEvent(userId, session), ct);
            if (session.Status == SessionStatus.Closed)
            {
                await WriteAsync(http, SessionEvents.ClosedEvent(userId, session, session.RunId!), ct);
                return;
            }
            var cursor = new SessionEventCursor(session, fills.Count);
            while (!ct.IsCancellationRequested)
            {
                var (e, ended) = await ServerSentEvents.NextOrIdleAsync(subscription, PollInterval, time, ct);
                if (ended) return;
                var events = e is null ? await PollAsync(cursor, ct) : cursor.Admit(e) ? [e] : [];
                foreach (var shown in events)
                {
                    await WriteAsync(http, shown, ct);
                    if (shown.IsFinal) return;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task<IReadOnlyList<RunEvent>> PollAsync(SessionEventCursor cursor, CancellationToken ct)
    {
        var (session, fills) = await sessions.GetWithFillsAsync(userId, sessionId, ct);
        return cursor.CatchUp(userId, session, fills);
    }

    private static Task WriteAsync(HttpContext http, RunEvent e, CancellationToken ct) => ServerSentEvents.WriteAsync(http, e.Type, e.Data, ct);
}
