using Backtesting.Engine.Data;
using Backtesting.Engine.Execution;
using Backtesting.Engine.Sessions;

namespace Backtesting.Application.Sessions;

/// <summary>An order as the API shows it (times instead of bar indexes).</summary>
public sealed record SessionOrderView
{
    public required string OrderId { get; init; }
    public required OrderSide Side { get; init; }
    public required SessionOrderType Type { get; init; }
    public required SessionOrderStatus Status { get; init; }
    public double? Quantity { get; init; }
    public double? PercentOfEquity { get; init; }
    public double? LimitPrice { get; init; }
    public double? StopPrice { get; init; }
    public double? StopLoss { get; init; }
    public double? TakeProfit { get; init; }
    public required string Source { get; init; }
    public string? ParentOrderId { get; init; }
    public string? OcoOrderId { get; init; }
    public bool Triggered { get; init; }
    public required DateTime PlacedAt { get; init; }
    public DateTime? FilledAt { get; init; }
    public double? FillPrice { get; init; }
    public double? FilledQuantity { get; init; }
    public string? Reason { get; init; }

    public static SessionOrderView From(SessionOrder o, BarSeries bars) => new()
    {
        OrderId = o.Id, Side = o.Side, Type = o.Type, Status = o.Status, Quantity = o.Quantity, PercentOfEquity = o.PercentOfEquity,
        LimitPrice = o.LimitPrice, StopPrice = o.StopPrice, StopLoss = o.StopLoss, TakeProfit = o.TakeProfit, Source = o.Source,
        ParentOrderId = o.ParentId, OcoOrderId = o.OcoId, Triggered = o.Triggered, PlacedAt = bars.TimeAt(o.PlacedBar),
        FilledAt = o.FilledBar is { } f ? bars.TimeAt(f) : null, FillPrice = o.FillPrice, FilledQuantity = o.FilledQuantity, Reason = o.Reason,
    };
}
