using System.Runtime.CompilerServices;
using Backtesting.Engine.Data;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>Keeps every closed trade as a <see cref="Trade"/> record (single backtests, chunks, walk-forward, portfolios).</summary>
internal readonly struct TradeListRecorder(BarSeries bars, List<Trade> trades) : ITradeRecorder
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Closed(in PositionBook position, int exitBar, double exitPrice, double exitFee, double pnl, ExitReason reason) =>
        trades.Add(new Trade
        {
            Side = position.Side,
            Quantity = Math.Abs(position.Units),
            EntryBar = position.EntryBar,
            EntryTime = bars.TimeAt(position.EntryBar),
            EntryPrice = position.EntryPrice,
            EntryFee = position.EntryFee,
            ExitBar = exitBar,
            ExitTime = bars.TimeAt(exitBar),
            ExitPrice = exitPrice,
            ExitFee = exitFee,
            Pnl = pnl,
            ExitReason = reason,
        });
}
