using Backtesting.Engine.Execution;

namespace Backtesting.Engine.Sessions;

/// <summary>
/// An order as a trader places it: exactly one of <see cref="Quantity"/> (units) or <see cref="PercentOfEquity"/>
/// (0-100], sized at the fill); prices by type; optional attached stop loss / take profit levels (absolute prices).
/// </summary>
public sealed record SessionOrderRequest
{
    public required OrderSide Side { get; init; }
    public required SessionOrderType Type { get; init; }
    public double? Quantity { get; init; }
    public double? PercentOfEquity { get; init; }
    public double? LimitPrice { get; init; }
    public double? StopPrice { get; init; }
    public double? StopLoss { get; init; }
    public double? TakeProfit { get; init; }

    /// <summary>Who placed it: "manual" or "autopilot".</summary>
    public string Source { get; init; } = "manual";
}
