using Backtesting.Engine.Data;

namespace Backtesting.Application.MarketData;

/// <summary>One page of bars in time order and how many bars the whole requested range holds.</summary>
public sealed record BarPage(BarSeries Bars, long Total);
