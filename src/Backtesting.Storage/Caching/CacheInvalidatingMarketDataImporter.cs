using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Engine.Data;

namespace Backtesting.Storage.Caching;

/// <summary>Imports through <paramref name="inner"/>, then drops the asset's cached ranges so the next read sees the new bars.</summary>
public sealed class CacheInvalidatingMarketDataImporter(IMarketDataImporter inner, CachedMarketDataStore cache) : IMarketDataImporter
{
    public async Task<long> ImportAsync(Asset asset, string timeframe, BarSeries bars, CancellationToken ct = default)
    {
        try
        {
            return await inner.ImportAsync(asset, timeframe, bars, ct);
        }
        finally
        {
            cache.Invalidate(asset.Symbol);
        }
    }
}
