using Backtesting.Application.Events;

namespace Backtesting.Application.Sessions;

/// <summary>
/// What one listener has shown of a session: the version of its last <c>session_bar</c> and how many fills. Events reach a
/// listener from the hub (writes in this process) and from reads of the stored session (writes anywhere); the cursor lets
/// each through once, in the order the writes made them.
/// </summary>
public sealed class SessionEventCursor(SessionView shown, int shownFills)
{
    private long _version = shown.Version;
    private int _fills = shownFills;
    private bool _closed = shown.Status == SessionStatus.Closed;

    /// <summary>True when a hub event is new to this listener (and counts it as shown).</summary>
    public bool Admit(RunEvent e)
    {
        switch (e.Data)
        {
            case SessionFillMessage fill:
                if (fill.Version <= _version) return false;
                _fills++;
                return true;
            case SessionBarMessage bar:
                if (bar.Version <= _version) return false;
                _version = bar.Version;
                return true;
            default:
                if (e.Type == RunEvent.SessionClosed && _closed) return false;
                _closed |= e.Type == RunEvent.SessionClosed;
                return true;
        }
    }

    /// <summary>
    /// The events of the stored state <paramref name="session"/> with <paramref name="fills"/> that this listener has not shown:
    /// every fill after the last shown one, the state when its version moved, and <c>session_closed</c> when it is closed.
    /// </summary>
    public IReadOnlyList<RunEvent> CatchUp(string userId, SessionView session, IReadOnlyList<SessionFillView> fills)
    {
        var events = new List<RunEvent>();
        if (session.Version > _version)
        {
            // the stored version carries every fill up to it; fills the hub already showed are skipped by their index
            events.AddRange(SessionEvents.StepEvents(userId, fills.Skip(_fills).ToList(), session));
            _fills = Math.Max(_fills, fills.Count);
            _version = session.Version;
        }
        if (session.Status == SessionStatus.Closed && !_closed && session.RunId is { } runId)
        {
            events.Add(SessionEvents.ClosedEvent(userId, session, runId));
            _closed = true;
        }
        return events;
    }
}
