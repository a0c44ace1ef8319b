using Backtesting.Engine.Metrics;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>Keeps only the running totals the trade metrics need, so a research run allocates nothing per trade.</summary>
internal struct TradeTotalsRecorder : ITradeRecorder
{
    public TradeTotals Totals;

    public void Closed(in PositionBook position, int exitBar, double exitPrice, double exitFee, double pnl, ExitReason reason) => Totals.Add(pnl);
}
