namespace Backtesting.Application.MarketData;

/// <summary>An asset and the bar ranges stored for it.</summary>
public sealed record AssetView(string Symbol, string Name, string AssetClass, string Currency, IReadOnlyList<BarRange> Timeframes);
