using Backtesting.Application.MarketData;

namespace Backtesting.Application.Sessions;

/// <summary>
/// The data of a <c>session_bar</c> event: the session's new current bar (never a later one) and its state after an
/// advance, an autopilot stretch or a close.
/// </summary>
public sealed record SessionBarMessage(string SessionId, long Version, string Status, BarView CurrentBar, int BarIndex, int BarsRemaining,
    double Cash, double Equity, PositionView Position, double RealizedPnl, double TotalFees, IReadOnlyList<SessionOrderView> OpenOrders)
{
    public static SessionBarMessage From(SessionView s) =>
        new(s.SessionId, s.Version, s.Status, s.CurrentBar, s.BarIndex, s.BarsRemaining, s.Cash, s.Equity, s.Position, s.RealizedPnl, s.TotalFees, s.OpenOrders);
}
