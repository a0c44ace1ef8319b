using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Engine.Data;
using Backtesting.Storage.Tests.Builders;

namespace Backtesting.Storage.Tests.Caching;

/// <summary>An in-memory market data store that counts range reads and can hold them until released.</summary>
public sealed class CountingMarketDataStore : IMarketDataStore
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public TaskCompletionSource? Gate { get; set; }

    public Dictionary<string, int> BarsBySymbol { get; } = [];

    public Task<IReadOnlyList<Asset>> ListAssetsAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Asset>>(BarsBySymbol.Keys.Select(s => new Asset(s, s)).ToList());

    public Task<Asset?> GetAssetAsync(string symbol, CancellationToken ct = default) =>
        Task.FromResult(BarsBySymbol.ContainsKey(symbol) ? new Asset(symbol, symbol) : null);

    public Task<IReadOnlyList<BarRange>> GetRangesAsync(string symbol, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<BarRange>>([]);

    public async Task<BarSeries?> ReadBarsAsync(string symbol, string timeframe, DateTime? from, DateTime? to, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _reads);
        if (Gate is { } gate)
            await gate.Task;
        return BarsBySymbol.TryGetValue(symbol, out int count) ? TestBars.Daily(count).Between(from, to) : null;
    }

    public Task<BarPage?> ReadBarPageAsync(string symbol, string timeframe, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default)
    {
        if (!BarsBySymbol.TryGetValue(symbol, out int count)) return Task.FromResult<BarPage?>(null);
        var range = TestBars.Daily(count).Between(from, to);
        int start = Math.Min(offset, range.Count);
        return Task.FromResult<BarPage?>(new BarPage(range.Slice(start, Math.Min(limit, range.Count - start)), range.Count));
    }
}
