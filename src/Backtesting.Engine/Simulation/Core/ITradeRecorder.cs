namespace Backtesting.Engine.Simulation.Core;

/// <summary>What the core does with a closed trade: keep it (<see cref="TradeListRecorder"/>, <see cref="TradeLogRecorder"/>) or only total it (<see cref="TradeTotalsRecorder"/>).</summary>
internal interface ITradeRecorder
{
    /// <summary>Called with the position as it was before the exit, and the exit's price (after slippage), fee and net pnl.</summary>
    void Closed(in PositionBook position, int exitBar, double exitPrice, double exitFee, double pnl, ExitReason reason);
}
