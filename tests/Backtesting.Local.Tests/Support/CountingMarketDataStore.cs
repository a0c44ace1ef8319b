using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Engine.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests.Support;

/// <summary>Wraps the host's market data store and counts whole-range reads and page reads.</summary>
public sealed class CountingMarketDataStore(IMarketDataStore inner) : IMarketDataStore
{
    private int _rangeReads;
    private int _pageReads;

    public int RangeReads => Volatile.Read(ref _rangeReads);

    public int PageReads => Volatile.Read(ref _pageReads);

    /// <summary>Replaces the registered <see cref="IMarketDataStore"/> with a counting wrapper around it, resolvable as this type.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IMarketDataStore));
        services.Remove(registered);
        services.AddSingleton(sp => new CountingMarketDataStore(registered.ImplementationFactory is { } factory
            ? (IMarketDataStore)factory(sp)
            : (IMarketDataStore)(registered.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
        services.AddSingleton<IMarketDataStore>(sp => sp.GetRequiredService<CountingMarketDataStore>());
    }

    public Task<IReadOnlyList<Asset>> ListAssetsAsync(CancellationToken ct = default) => inner.ListAssetsAsync(ct);

    public Task<Asset?> GetAssetAsync(string symbol, CancellationToken ct = default) => inner.GetAssetAsync(symbol, ct);

    public Task<IReadOnlyList<BarRange>> GetRangesAsync(string symbol, CancellationToken ct = default) => inner.GetRangesAsync(symbol, ct);

    public Task<BarSeries?> ReadBarsAsync(string symbol, string timeframe, DateTime? from, DateTime? to, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _rangeReads);
        return inner.ReadBarsAsync(symbol, timeframe, from, to, ct);
    }

    public Task<BarPage?> ReadBarPageAsync(string symbol, string timeframe, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _pageReads);
        return inner.ReadBarPageAsync(symbol, timeframe, from, to, offset, limit, ct);
    }
}
