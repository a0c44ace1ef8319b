using Backtesting.Application.Events;

namespace Backtesting.Application.Sessions;

/// <summary>
/// Publishes a session's live events on the run event hub under the session id, only after the write that made them
/// is stored: each fill (<c>session_fill</c>, in order), then the new current bar and state (<c>session_bar</c>),
/// and on close <c>session_closed</c>. Nothing in them lies after the session's current bar.
/// </summary>
public sealed class SessionEvents(IRunEventPublisher publisher)
{
    public void Stepped(string userId, IReadOnlyList<SessionFillView> fills, SessionView session)
    {
        foreach (var e in StepEvents(userId, fills, session)) publisher.Publish(e);
    }

    public void Closed(string userId, IReadOnlyList<SessionFillView> fills, SessionView session, string runId)
    {
        Stepped(userId, fills, session);
        publisher.Publish(ClosedEvent(userId, session, runId));
    }

    /// <summary>The events of one stored write: its fills in order, then the state it left (the only place their payloads are built).</summary>
    public static IEnumerable<RunEvent> StepEvents(string userId, IReadOnlyList<SessionFillView> fills, SessionView session)
    {
        foreach (var fill in fills)
            yield return new RunEvent(RunEvent.SessionFill, session.SessionId, userId, SessionFillMessage.From(session.SessionId, session.Version, fill));
        yield return BarEvent(userId, session);
    }

    public static RunEvent BarEvent(string userId, SessionView session) =>
        new(RunEvent.SessionBar, session.SessionId, userId, SessionBarMessage.From(session));

    public static RunEvent ClosedEvent(string userId, SessionView session, string runId) =>
        new(RunEvent.SessionClosed, session.SessionId, userId, new SessionClosedMessage(session.SessionId, runId, session.Status));

    /// <summary>
    /// False for a fill or bar event of a write at or before <paramref name="shownVersion"/>: a listener that read the state
    /// at that version after subscribing skips them (they are already in what it showed).
    /// </summary>
    public static bool IsNewerThan(RunEvent e, long shownVersion) => e.Data switch
    {
        SessionBarMessage bar => bar.Version > shownVersion,
        SessionFillMessage fill => fill.Version > shownVersion,
        _ => true,
    };
}
