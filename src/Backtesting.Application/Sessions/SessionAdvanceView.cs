namespace Backtesting.Application.Sessions;

/// <summary>What an advance (or an autopilot stretch) did: bars moved, fills, orders rejected at their fill, whether the end was reached, and the new state.</summary>
public sealed record SessionAdvanceView(int BarsAdvanced, bool ReachedEnd, string Message, IReadOnlyList<SessionFillView> Fills,
    IReadOnlyList<SessionOrderView> Rejected, SessionView Session);
