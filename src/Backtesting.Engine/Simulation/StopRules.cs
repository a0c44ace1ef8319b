namespace Backtesting.Engine.Simulation;

/// <summary>
/// Stop loss / take profit for one bar, shared by every simulator: a gap through a level fills at the
/// open; when both levels lie inside the bar the stop is assumed to fill first.
/// </summary>
internal static class StopRules
{
    /// <summary>True when the position exits in this bar, with the fill price (before slippage) and why.</summary>
    public static bool TryExit(bool isLong, double entry, double? stopLossPct, double? takeProfitPct,
        double open, double high, double low, out double price, out ExitReason reason)
    {
        // for a short, prices below are favourable: mirror the levels and the comparisons
        double side = isLong ? 1 : -1;
        double sl = stopLossPct is { } s ? entry * (1 - side * s) : side * double.NegativeInfinity;
        double tp = takeProfitPct is { } t ? entry * (1 + side * t) : side * double.PositiveInfinity;
        double adverse = isLong ? low : high, favourable = isLong ? high : low;
        if (side * open <= side * sl) { price = open; reason = ExitReason.StopLoss; return true; }
        if (side * open >= side * tp) { price = open; reason = ExitReason.TakeProfit; return true; }
        if (side * adverse <= side * sl) { price = sl; reason = ExitReason.StopLoss; return true; }
        if (side * favourable >= side * tp) { price = tp; reason = ExitReason.TakeProfit; return true; }
        price = 0;
        reason = ExitReason.Open;
        return false;
    }
}
