using Backtesting.Engine.Execution;

namespace Backtesting.Engine.Sessions;

/// <summary>An order in a session's book (mutable: its status changes as bars pass; stored with the session).</summary>
public sealed class SessionOrder
{
    public required string Id { get; init; }

    /// <summary>Placement order within the session (ties inside a bar go to the earlier order).</summary>
    public required int Sequence { get; init; }
    public required OrderSide Side { get; init; }
    public required SessionOrderType Type { get; init; }
    public double? Quantity { get; set; }
    public double? PercentOfEquity { get; init; }
    public double? LimitPrice { get; init; }
    public double? StopPrice { get; init; }
    public double? StopLoss { get; init; }
    public double? TakeProfit { get; init; }
    public string Source { get; init; } = "manual";

    /// <summary>The bar at whose close it was placed; it can fill from the next bar on.</summary>
    public required int PlacedBar { get; init; }

    public SessionOrderStatus Status { get; set; } = SessionOrderStatus.Working;

    /// <summary>A stop_limit whose stop has traded (it now works as a limit).</summary>
    public bool Triggered { get; set; }

    /// <summary>The entry order an attached exit belongs to, or null.</summary>
    public string? ParentId { get; init; }

    /// <summary>The other order of an attached stop loss / take profit pair (one cancels the other), or null.</summary>
    public string? OcoId { get; init; }

    public int? FilledBar { get; set; }
    public double? FillPrice { get; set; }
    public double? FilledQuantity { get; set; }
    public int? ClosedBar { get; set; }
    public string? Reason { get; set; }

    public bool IsWorking => Status == SessionOrderStatus.Working;
}
