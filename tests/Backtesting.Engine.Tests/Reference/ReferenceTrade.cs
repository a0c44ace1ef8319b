using Backtesting.Engine.Simulation;

namespace Backtesting.Engine.Tests.Reference;

/// <summary>
/// A trade as an expectation states it (worked by hand or by the reference model). An open trade has
/// no exit bar; its exit price is the last close it is marked at and its pnl is net of the entry fee only.
/// </summary>
public sealed record ReferenceTrade(
    PositionSide Side,
    double Quantity,
    int EntryBar,
    double EntryPrice,
    double EntryFee,
    int? ExitBar,
    double ExitPrice,
    double ExitFee,
    double Pnl,
    ExitReason ExitReason)
{
    public bool IsOpen => ExitBar is null;
}
