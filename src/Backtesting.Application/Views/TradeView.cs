using System.Globalization;
using Backtesting.Application.Runs;

namespace Backtesting.Application.Views;

/// <summary>A trade as the results, trade pages and completion messages show it (times as ISO 8601 UTC, to the second).</summary>
/// <param name="Id">The trade's id (run id and sequence).</param>
/// <param name="EntryDate">Entry fill time.</param>
/// <param name="ExitDate">Exit fill time; null while open.</param>
/// <param name="Direction">"long" or "short".</param>
/// <param name="EntryPrice">Entry fill price.</param>
/// <param name="ExitPrice">Exit fill price; null while open.</param>
/// <param name="Quantity">Units traded.</param>
/// <param name="Pnl">Net of both legs' commission; an open trade's is marked at the last close.</param>
/// <param name="PnlPercent">pnl / (quantity x entry_price).</param>
/// <param name="Fees">Commission paid on the trade's fills.</param>
/// <param name="Status">"open" or "closed".</param>
/// <param name="ExitReason">signal, stop_loss, take_profit, end_of_data or open.</param>
public sealed record TradeView(string Id, string EntryDate, string? ExitDate, string Direction, decimal EntryPrice, decimal? ExitPrice, decimal Quantity,
    decimal? Pnl, decimal? PnlPercent, decimal Fees, string Status, string? ExitReason)
{
    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ssZ";

    public static TradeView From(TradeRecord t) => new(t.Id, t.EntryDate.ToString(TimeFormat, CultureInfo.InvariantCulture),
        t.ExitDate?.ToString(TimeFormat, CultureInfo.InvariantCulture), t.Direction, t.EntryPrice, t.ExitPrice, t.Quantity, t.Pnl, t.PnlPercent, t.Fees,
        t.Status, t.ExitReason);
}
