namespace Backtesting.Application.Research;

/// <summary>The data a research job runs on: asset, timeframe, window and capital, already validated.</summary>
public sealed record ResearchScope(string AssetSymbol, string Timeframe, DateTime? StartDate, DateTime? EndDate, double InitialCapital);
