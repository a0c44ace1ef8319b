namespace Backtesting.Storage.Caching;

/// <summary>Bounds of the in-process bar cache: total bars held (about 48 bytes each) and how long an entry stays fresh.</summary>
public sealed record MarketDataCacheOptions(long MaxBars = 20_000_000, TimeSpan? MaxAge = null)
{
    /// <summary>Entries older than this are read again (imports by another process become visible). Default 10 minutes.</summary>
    public TimeSpan EffectiveMaxAge => MaxAge ?? TimeSpan.FromMinutes(10);
}
