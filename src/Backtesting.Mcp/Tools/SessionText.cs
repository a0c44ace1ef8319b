using System.Globalization;
using System.Text.Json;
using Backtesting.Application.Json;
using Backtesting.Application.MarketData;
using Backtesting.Application.Sessions;

namespace Backtesting.Mcp.Tools;

/// <summary>The short text lines of trading-session answers: where the clock stands, the money, the position, the orders, what to call next.</summary>
internal static class SessionText
{
    public static string State(SessionView s)
    {
        var p = s.Position;
        string position = p.Units == 0
            ? "flat"
            : F($"{p.Units:0.####} units at avg {p.AveragePrice:0.####}, unrealized P&L {p.UnrealizedPnl:0.##}");
        string orders = s.OpenOrders.Count == 0 ? "no open orders" : $"open orders: {string.Join("; ", s.OpenOrders.Select(Order))}";
        return F($"Session {s.SessionId} ({s.Status}, version {s.Version}, {s.AssetSymbol} {s.Timeframe}) at bar {Bar(s.CurrentBar)}, bar_index {s.BarIndex}, {s.BarsRemaining} bars remaining. ")
            + F($"Cash {s.Cash:0.##}, equity {s.Equity:0.##}, realized P&L {s.RealizedPnl:0.##}, fees {s.TotalFees:0.##}. Position: {position}; {orders}.");
    }

    public static string Bar(BarView b) =>
        F($"{Time(b.Time)} O {b.Open:0.####} H {b.High:0.####} L {b.Low:0.####} C {b.Close:0.####} V {b.Volume:0.##}");

    public static string Order(SessionOrderView o)
    {
        string size = o.Quantity is { } q ? F($"{q:0.####} units") : F($"{o.PercentOfEquity:0.##}% of equity");
        string prices = string.Concat(
            o.LimitPrice is { } l ? F($" limit {l:0.####}") : "", o.StopPrice is { } st ? F($" stop {st:0.####}") : "",
            o.StopLoss is { } sl ? F($" stop_loss {sl:0.####}") : "", o.TakeProfit is { } tp ? F($" take_profit {tp:0.####}") : "");
        string fill = o.FillPrice is { } price ? F($", filled {o.FilledQuantity:0.####} at {price:0.####} on {Time(o.FilledAt!.Value)}") : "";
        string reason = o.Reason is null ? "" : $" ({o.Reason})";
        return $"{o.OrderId} {Name(o.Side)} {Name(o.Type)} {size}{prices} [{Name(o.Status)}{fill}{reason}]";
    }

    public static string Fill(SessionFillView f) =>
        F($"{f.FillId} ({f.OrderId}) {Name(f.Side)} {f.Quantity:0.####} at {f.Price:0.####} on {Time(f.Time)}, fee {f.Fee:0.##}");

    /// <summary>What an advance did; <paramref name="fills"/> is the fills sentence (this call's, or since the caller's cursor).</summary>
    public static string Advance(SessionAdvanceView a, string fills)
    {
        string rejected = a.Rejected.Count == 0 ? "" : $" Rejected at their fill: {string.Join("; ", a.Rejected.Select(Order))}.";
        return $"Advanced: {a.Message}. {fills}{rejected} {State(a.Session)}";
    }

    /// <summary>The tool-answer form of a "not found" (another user's session is not found too).</summary>
    public static string NotFound(SessionNotFoundException ex) =>
        $"{(ex.What == "order" ? "order_id" : "session_id")}: {ex.Message}; start_trading_session starts one of yours";

    /// <summary>A value as the JSON shows it (snake_case enums).</summary>
    public static string Name<T>(T value) => JsonSerializer.SerializeToNode(value, WorkflowJson.Options)?.ToString() ?? "";

    private static string Time(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
