namespace Backtesting.Application.MarketData;

/// <summary>A tradable asset (<c>assets</c> table); its id is the symbol.</summary>
public sealed record Asset(string Symbol, string Name, string AssetClass = "equity", string Currency = "USD");
