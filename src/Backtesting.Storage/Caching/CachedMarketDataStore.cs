using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Engine.Data;

namespace Backtesting.Storage.Caching;

/// <summary>
/// Keeps recently read bar series in memory, least recently used first out, bounded by the total
/// number of bars. Concurrent reads of the same range share one database read (an optimization's
/// cells all ask for the same series at once). Cached series are shared: callers must not modify
/// their arrays, which the engine never does.
/// </summary>
public sealed class CachedMarketDataStore : IMarketDataStore
{
    private readonly IMarketDataStore _inner;
    private readonly MarketDataCacheOptions _options;
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private readonly Dictionary<RangeKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private readonly Dictionary<RangeKey, (Task<BarSeries?> Task, long Generation)> _loading = [];
    private long _bars;
    private long _generation; // bumped by Invalidate so that a read started before it is not cached

    public CachedMarketDataStore(IMarketDataStore inner, MarketDataCacheOptions? options = null, TimeProvider? clock = null)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _options = options ?? new MarketDataCacheOptions();
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Bars currently held.</summary>
    public long CachedBars
    {
        get { lock (_gate) return _bars; }
    }

    public Task<IReadOnlyList<Asset>> ListAssetsAsync(CancellationToken ct = default) => _inner.ListAssetsAsync(ct);

    public Task<Asset?> GetAssetAsync(string symbol, CancellationToken ct = default) => _inner.GetAssetAsync(symbol, ct);

    public Task<IReadOnlyList<BarRange>> GetRangesAsync(string symbol, CancellationToken ct = default) => _inner.GetRangesAsync(symbol, ct);

    public Task<BarSeries?> ReadBarsAsync(string symbol, string timeframe, DateTime? from, DateTime? to, CancellationToken ct = default)
    {
        var key = new RangeKey(symbol, timeframe, from?.Ticks, to?.Ticks);
        Task<BarSeries?> load;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (_clock.GetUtcNow() - node.Value.LoadedAt <= _options.EffectiveMaxAge)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    return Task.FromResult<BarSeries?>(node.Value.Bars);
                }
                Remove(node);
            }
            if (_loading.TryGetValue(key, out var pending))
            {
                load = pending.Task;
            }
            else
            {
                // The shared read must not be cancelled by the first caller's token.
                load = LoadAsync(key, symbol, timeframe, from, to, _generation);
                // A load that finished synchronously has already cleaned up after itself.
                if (!load.IsCompleted)
                    _loading[key] = (load, _generation);
            }
        }
        return load.WaitAsync(ct);
    }

    /// <summary>
    /// Pages are bounded reads straight from the inner store: caching them would fill the cache with small
    /// overlapping ranges, and serving them from a cached whole series would make a cheap request load one.
    /// </summary>
    public Task<BarPage?> ReadBarPageAsync(string symbol, string timeframe, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default) =>
        _inner.ReadBarPageAsync(symbol, timeframe, from, to, offset, limit, ct);

    /// <summary>Drops every cached range of <paramref name="symbol"/> (after an import).</summary>
    public void Invalidate(string symbol)
    {
        lock (_gate)
        {
            _generation++;
            for (var node = _recency.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Key.Symbol == symbol)
                    Remove(node);
                node = next;
            }
            // Readers arriving from now on start a fresh read instead of joining one begun before.
            foreach (var key in _loading.Keys.Where(k => k.Symbol == symbol).ToList())
                _loading.Remove(key);
        }
    }

    private async Task<BarSeries?> LoadAsync(RangeKey key, string symbol, string timeframe, DateTime? from, DateTime? to, long generation)
    {
        try
        {
            var bars = await _inner.ReadBarsAsync(symbol, timeframe, from, to, CancellationToken.None).ConfigureAwait(false);
            if (bars is not null)
                Add(key, bars, generation);
            return bars;
        }
        finally
        {
            lock (_gate)
            {
                if (_loading.TryGetValue(key, out var pending) && pending.Generation == generation)
                    _loading.Remove(key);
            }
        }
    }

    private void Add(RangeKey key, BarSeries bars, long generation)
    {
        if (bars.Count > _options.MaxBars)
            return;
        lock (_gate)
        {
            if (generation != _generation)
                return;
            if (_entries.TryGetValue(key, out var existing))
                Remove(existing);
            while (_bars + bars.Count > _options.MaxBars && _recency.Last is { } oldest)
                Remove(oldest);
            var node = _recency.AddFirst(new Entry(key, bars, _clock.GetUtcNow()));
            _entries[key] = node;
            _bars += bars.Count;
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
        _bars -= node.Value.Bars.Count;
    }

    private readonly record struct RangeKey(string Symbol, string Timeframe, long? From, long? To);

    private sealed record Entry(RangeKey Key, BarSeries Bars, DateTimeOffset LoadedAt);
}
