namespace Backtesting.Application.Runs;

/// <summary>A row of <c>backtest_trades</c>; <c>sequence</c> orders a run's trades.</summary>
public sealed record TradeRecord
{
    public required string Id { get; init; }
    public required string RunId { get; init; }
    public required int Sequence { get; init; }
    public required DateTime EntryDate { get; init; }
    public DateTime? ExitDate { get; init; }

    /// <summary>"long" or "short".</summary>
    public required string Direction { get; init; }
    public required decimal EntryPrice { get; init; }
    public decimal? ExitPrice { get; init; }
    public required decimal Quantity { get; init; }
    public decimal? Pnl { get; init; }
    public decimal? PnlPercent { get; init; }

    /// <summary>"open" or "closed".</summary>
    public required string Status { get; init; }
    public decimal Fees { get; init; }

    /// <summary>signal, stop_loss, take_profit, end_of_data or open.</summary>
    public string? ExitReason { get; init; }
}
