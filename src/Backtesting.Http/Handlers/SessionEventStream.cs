using Backtesting.Application.Events;
using Backtesting.Application.Sessions;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Http.Handlers;

/// <summary>
/// Streams a trading session's events as text/event-stream: its current state first (a <c>session_bar</c>), then every
/// <c>session_fill</c> and <c>session_bar</c> of later writes, until <c>session_closed</c> or disconnect. Where every write
/// happens in this process (<see cref="ILocalSessions"/>: the local host) they are pushed from the hub alone; where a write
/// may run on another instance (Functions scale-out) it publishes nothing here, so the stored session is read whenever
/// the hub stays quiet (<see cref="ServerSentEvents.FollowAsync"/>). <see cref="SessionEventCursor"/> lets each event
/// through once, whichever path brings it.
/// </summary>
internal sealed class SessionEventStream(RunEventHub hub, ILocalSessions? localSessions, TradingSessionService sessions, TimeProvider time, string userId, string sessionId) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        ServerSentEvents.Start(http);
        var ct = http.RequestAborted;
        using var subscription = hub.Subscribe(sessionId);
        try
        {
            // after subscribing, so a write in between is either in this state or among the events that follow
            var (session, fills) = await sessions.GetWithFillsAsync(userId, sessionId, ct);
            await ServerSentEvents.WriteAsync(http, SessionEvents.BarEvent(userId, session), ct);
            if (session.Status == SessionStatus.Closed)
            {
                await ServerSentEvents.WriteAsync(http, SessionEvents.ClosedEvent(userId, session, session.RunId!), ct);
                return;
            }
            var cursor = new SessionEventCursor(session, fills.Count);
            await ServerSentEvents.FollowAsync(http, subscription, localSessions, sessionId, cursor.Admit, async pollCt =>
            {
                var (stored, storedFills) = await sessions.GetWithFillsAsync(userId, sessionId, pollCt);
                return cursor.CatchUp(userId, stored, storedFills);
            }, time, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
