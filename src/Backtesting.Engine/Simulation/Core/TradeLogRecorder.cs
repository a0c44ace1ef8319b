using System.Runtime.CompilerServices;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>Keeps every closed trade as a value in a <see cref="TradeLog"/> (single backtests: no object per trade until one is read).</summary>
internal readonly struct TradeLogRecorder(TradeLog log) : ITradeRecorder
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Closed(in PositionBook position, int exitBar, double exitPrice, double exitFee, double pnl, ExitReason reason) =>
        log.Add(ClosedTradeRecord.Of(in position, exitBar, exitPrice, exitFee, pnl, reason));
}
