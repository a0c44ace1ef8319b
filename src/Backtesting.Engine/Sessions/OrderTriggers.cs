using Backtesting.Engine.Execution;

namespace Backtesting.Engine.Sessions;

/// <summary>
/// Section 10's fill prices for one bar (before slippage). A price level the open gaps through fills at the open:
/// a limit buy when low &lt;= limit at min(open, limit) (sell: high &gt;= limit at max(open, limit)); a stop buy when
/// high &gt;= stop at max(open, stop) (sell: low &lt;= stop at min(open, stop)).
/// </summary>
internal static class OrderTriggers
{
    public static bool Limit(OrderSide side, double limit, double open, double high, double low, out double price)
    {
        bool hit = side == OrderSide.Buy ? low <= limit : high >= limit;
        price = side == OrderSide.Buy ? Math.Min(open, limit) : Math.Max(open, limit);
        return hit;
    }

    public static bool Stop(OrderSide side, double stop, double open, double high, double low, out double price)
    {
        bool hit = side == OrderSide.Buy ? high >= stop : low <= stop;
        price = side == OrderSide.Buy ? Math.Max(open, stop) : Math.Min(open, stop);
        return hit;
    }

    /// <summary>
    /// A stop_limit in its trigger bar: it fills there at the trigger price when that price is within the limit;
    /// otherwise it works as a limit from the next bar (the path inside a bar is unknown, so no better fill is assumed).
    /// </summary>
    public static bool StopLimit(OrderSide side, double stop, double limit, double open, double high, double low, out bool triggered, out double price)
    {
        triggered = Stop(side, stop, open, high, low, out price);
        return triggered && (side == OrderSide.Buy ? price <= limit : price >= limit);
    }
}
