using Backtesting.Application.MarketData;

namespace Backtesting.Application.Sessions;

/// <summary>A session's state as section 10 shows it: the current bar (never a later one), money, position and working orders.</summary>
public sealed record SessionView
{
    public required string SessionId { get; init; }
    public required string Status { get; init; }
    public required long Version { get; init; }
    public required string AssetSymbol { get; init; }
    public required string Timeframe { get; init; }
    public required BarView CurrentBar { get; init; }

    /// <summary>Bars since the start (0 at the start bar).</summary>
    public required int BarIndex { get; init; }
    public required int BarsRemaining { get; init; }
    public required double InitialCapital { get; init; }
    public required double Cash { get; init; }
    public required double Equity { get; init; }
    public required PositionView Position { get; init; }
    public required IReadOnlyList<SessionOrderView> OpenOrders { get; init; }
    public required double RealizedPnl { get; init; }
    public required double TotalFees { get; init; }
    public string? RunId { get; init; }
    public required DateTime CreatedAt { get; init; }
}
