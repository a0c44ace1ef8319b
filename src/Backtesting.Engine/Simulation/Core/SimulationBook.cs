namespace Backtesting.Engine.Simulation.Core;

/// <summary>
/// A single-asset simulation's state between bars: cash, the position, a pending order and running
/// totals. The value form of <see cref="SimulatorState"/> (the journaled, JSON form), which it loads from and saves to.
/// </summary>
internal struct SimulationBook
{
    public double Cash;
    public PositionBook Position;

    /// <summary>Bar at which a pending market order fills, or -1.</summary>
    public int PendingBar;

    /// <summary>The position the pending order leads to: +1 long, -1 short, 0 flat.</summary>
    public int PendingTarget;
    public double PendingPrice;
    public double TotalFees;
    public int BarsInMarket;
    public int ClosedTrades;

    public static SimulationBook Initial(double cash) => new() { Cash = cash, Position = PositionBook.Flat, PendingBar = -1 };

    public static SimulationBook From(SimulatorState state) => new()
    {
        Cash = state.Cash,
        Position = new PositionBook { Units = state.Units, EntryBar = state.EntryBar, EntryPrice = state.EntryPrice, EntryFee = state.EntryFee },
        PendingBar = state.PendingBar,
        PendingTarget = state.PendingTarget,
        PendingPrice = state.PendingPrice,
        TotalFees = state.TotalFees,
        BarsInMarket = state.BarsInMarket,
        ClosedTrades = state.ClosedTrades,
    };

    public readonly void CopyTo(SimulatorState state)
    {
        state.Cash = Cash;
        state.Units = Position.Units;
        state.EntryBar = Position.EntryBar;
        state.EntryPrice = Position.EntryPrice;
        state.EntryFee = Position.EntryFee;
        state.PendingBar = PendingBar;
        state.PendingTarget = PendingTarget;
        state.PendingPrice = PendingPrice;
        state.TotalFees = TotalFees;
        state.BarsInMarket = BarsInMarket;
        state.ClosedTrades = ClosedTrades;
    }
}
