using System.Runtime.CompilerServices;
using Backtesting.Engine.Data;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>Keeps every closed trade as a <see cref="Trade"/> record (chunks, sessions, portfolios).</summary>
internal readonly struct TradeListRecorder(BarSeries bars, List<Trade> trades) : ITradeRecorder
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Closed(in PositionBook position, int exitBar, double exitPrice, double exitFee, double pnl, ExitReason reason) =>
        trades.Add(ClosedTradeRecord.Of(in position, exitBar, exitPrice, exitFee, pnl, reason).ToTrade(bars));
}
