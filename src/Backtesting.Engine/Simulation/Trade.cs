namespace Backtesting.Engine.Simulation;

/// <summary>
/// One round trip (or the open position at the end). Pnl is net of both legs' commission;
/// an open trade's pnl is marked at the last close, net of its entry commission.
/// </summary>
public sealed record Trade
{
    public required PositionSide Side { get; init; }
    public required double Quantity { get; init; }
    public required int EntryBar { get; init; }
    public required DateTime EntryTime { get; init; }
    public required double EntryPrice { get; init; }
    public required double EntryFee { get; init; }
    public int? ExitBar { get; init; }
    public DateTime? ExitTime { get; init; }
    public double? ExitPrice { get; init; }
    public double ExitFee { get; init; }
    public required double Pnl { get; init; }
    public required ExitReason ExitReason { get; init; }

    /// <summary>True while the position is still held at the end of the data.</summary>
    public bool IsOpen => ExitReason == ExitReason.Open;

    /// <summary>pnl / (quantity x entry price).</summary>
    public double PnlPercent => Pnl / (Quantity * EntryPrice);

    /// <summary>Entry plus exit commission.</summary>
    public double Fees => EntryFee + ExitFee;
}
