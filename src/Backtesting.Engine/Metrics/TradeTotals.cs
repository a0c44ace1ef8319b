namespace Backtesting.Engine.Metrics;

/// <summary>
/// Running totals of closed-trade pnl in close order: what the trade metrics are computed from.
/// Accumulated the same way whether trades are kept as a list or only counted, so both give
/// bit-identical metrics.
/// </summary>
internal struct TradeTotals
{
    public int Total;
    public int Winners;
    public int Losers;
    public double WinSum;
    public double LossSum;
    public double PnlSum;

    public void Add(double pnl)
    {
        Total++;
        PnlSum += pnl;
        if (pnl > 0) { Winners++; WinSum += pnl; }
        else if (pnl < 0) { Losers++; LossSum += pnl; }
    }
}
