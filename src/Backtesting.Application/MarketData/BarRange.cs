namespace Backtesting.Application.MarketData;

/// <summary>What is stored for an asset and timeframe: bar count and first/last bar time.</summary>
public sealed record BarRange(string Symbol, string Timeframe, long Count, DateTime? First, DateTime? Last);
