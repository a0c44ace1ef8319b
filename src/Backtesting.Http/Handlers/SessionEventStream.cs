using Backtesting.Application.Events;
using Backtesting.Application.Sessions;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Http.Handlers;

/// <summary>
/// Streams a trading session's events as text/event-stream: its current state first (a <c>session_bar</c>), then every
/// <c>session_fill</c> and <c>session_bar</c> its writes publish, until <c>session_closed</c> or disconnect. Session writes
/// publish on this process's hub, so there is nothing to poll.
/// </summary>
internal sealed class SessionEventStream(RunEventHub hub, TradingSessionService sessions, string userId, string sessionId) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        ServerSentEvents.Start(http);
        var ct = http.RequestAborted;
        using var subscription = hub.Subscribe(sessionId);
        try
        {
            // after subscribing, so a write in between is either in this state or among the events that follow
            var session = await sessions.GetAsync(userId, sessionId, ct);
            await ServerSentEvents.WriteAsync(http, RunEvent.SessionBar, SessionBarMessage.From(session), ct);
            if (session.Status == SessionStatus.Closed)
            {
                await ServerSentEvents.WriteAsync(http, RunEvent.SessionClosed, new SessionClosedMessage(session.SessionId, session.RunId!, session.Status), ct);
                return;
            }
            long shown = session.Version;
            await foreach (var e in subscription.Events.ReadAllAsync(ct))
            {
                if (!SessionEvents.IsNewerThan(e, shown)) continue;
                await ServerSentEvents.WriteAsync(http, e.Type, e.Data, ct);
                if (e.IsFinal) return;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

}
