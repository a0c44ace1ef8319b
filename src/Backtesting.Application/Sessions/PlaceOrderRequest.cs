namespace Backtesting.Application.Sessions;

/// <summary>POST /api/sessions/{id}/orders, as sent (side and type are checked against their allowed values).</summary>
public sealed record PlaceOrderRequest
{
    public string? Side { get; init; }
    public string? Type { get; init; }
    public double? Quantity { get; init; }
    public double? PercentOfEquity { get; init; }
    public double? LimitPrice { get; init; }
    public double? StopPrice { get; init; }
    public double? StopLoss { get; init; }
    public double? TakeProfit { get; init; }
}
