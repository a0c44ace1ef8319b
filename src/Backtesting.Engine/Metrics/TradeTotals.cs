using Backtesting.Engine.Simulation;

namespace Backtesting.Engine.Metrics;

/// <summary>
/// Running totals of closed-trade pnl in close order: what the trade metrics are computed from.
/// Accumulated the same way whether trades are kept as a list or only counted, so both give
/// bit-identical metrics.
/// </summary>
internal struct TradeTotals
{
    /// <summary>The totals of <paramref name="closedTrades"/> in order (a <see cref="TradeLog"/> kept them as it filled).</summary>
    public static TradeTotals Of(IReadOnlyList<Trade> closedTrades)
    {
        if (closedTrades is TradeLog { HasOpenTrade: false } log) return log.ClosedTotals;
        var totals = new TradeTotals();
        foreach (var trade in closedTrades)
            totals.Add(trade.Pnl);
        return totals;
    }

    public int Total;
    public int Winners;
    public int Losers;
    public double WinSum;
    public double LossSum;
    public double PnlSum;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Add(double pnl)
    {
        Total++;
        PnlSum += pnl;
        if (pnl > 0) { Winners++; WinSum += pnl; }
        else if (pnl < 0) { Losers++; LossSum += pnl; }
    }
}
