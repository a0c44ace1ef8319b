using Backtesting.Application.MarketData;
using Backtesting.Engine.Data;

namespace Backtesting.Application.Ports;

/// <summary>
/// Writes bars with the owner role (the service role cannot). Creates the asset if missing;
/// re-importing an overlapping range updates those bars, never duplicates them.
/// </summary>
public interface IMarketDataImporter
{
    /// <summary>Upserts the bars; returns how many rows were written.</summary>
    Task<long> ImportAsync(Asset asset, string timeframe, BarSeries bars, CancellationToken ct = default);
}
