using Backtesting.Engine.Execution;

namespace Backtesting.Application.Sessions;

/// <summary>
/// The data of a <c>session_fill</c> event: one fill of the session, as <c>GET .../fills</c> lists it, with the session
/// version whose write made it.
/// </summary>
public sealed record SessionFillMessage(string SessionId, long Version, string FillId, string OrderId, DateTime Time, OrderSide Side, double Quantity, double Price, double Fee)
{
    public static SessionFillMessage From(string sessionId, long version, SessionFillView f) => new(sessionId, version, f.FillId, f.OrderId, f.Time, f.Side, f.Quantity, f.Price, f.Fee);
}
