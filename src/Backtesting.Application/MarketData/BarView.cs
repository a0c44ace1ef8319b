namespace Backtesting.Application.MarketData;

/// <summary>One bar as the API shows it.</summary>
public sealed record BarView(DateTime Time, double Open, double High, double Low, double Close, double Volume);
