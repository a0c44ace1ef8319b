using Backtesting.Engine.Execution;
using Backtesting.Engine.Sessions;

namespace Backtesting.Application.Sessions;

/// <summary>A fill as the API shows it.</summary>
public sealed record SessionFillView(string FillId, string OrderId, DateTime Time, OrderSide Side, double Quantity, double Price, double Fee)
{
    public static SessionFillView From(SessionFill f) => new(f.Id, f.OrderId, f.Time, f.Side, f.Quantity, f.Price, f.Fee);
}
