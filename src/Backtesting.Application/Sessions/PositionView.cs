namespace Backtesting.Application.Sessions;

/// <summary>The open position: signed units (negative when short), average entry price, pnl at the current close net of the entry commission.</summary>
public sealed record PositionView(double Units, double? AveragePrice, double UnrealizedPnl);
