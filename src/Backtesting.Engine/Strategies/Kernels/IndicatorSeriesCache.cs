using System.Collections.Concurrent;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// Indicator series over one bar series, each computed once and shared by every parameter set that
/// needs it (e.g. EMA(12) for every MACD cell with fast_period 12). Thread-safe. Holds at most
/// <see cref="ByteBudget"/> bytes; beyond that a series is computed for its caller without being kept.
/// </summary>
internal sealed class IndicatorSeriesCache(long byteBudget = IndicatorSeriesCache.DefaultByteBudget)
{
    public const long DefaultByteBudget = 512L << 20;

    private readonly ConcurrentDictionary<string, Lazy<double[]>> _series = new();
    private long _bytes;

    public long ByteBudget { get; } = byteBudget;

    /// <summary>The series named <paramref name="key"/>, computing it on first use.</summary>
    public double[] GetOrAdd(string key, int length, Func<double[]> compute)
    {
        if (_series.TryGetValue(key, out var existing)) return existing.Value;
        long size = (long)length * sizeof(double);
        if (Volatile.Read(ref _bytes) + size > ByteBudget) return compute();
        var created = new Lazy<double[]>(compute, LazyThreadSafetyMode.ExecutionAndPublication);
        var stored = _series.GetOrAdd(key, created);
        if (ReferenceEquals(stored, created)) Interlocked.Add(ref _bytes, size);
        return stored.Value;
    }

    public bool Contains(string key) => _series.ContainsKey(key);

    /// <summary>
    /// Empties the cache and hands its series to <see cref="SeriesBuffers"/> for the next computation: only for an owner
    /// that is done with every series it was given (a grid after its last cell), since they will be overwritten.
    /// </summary>
    public void Recycle()
    {
        foreach (var key in _series.Keys)
            if (_series.TryRemove(key, out var series) && series.IsValueCreated)
                SeriesBuffers.Return(series.Value);
        Interlocked.Exchange(ref _bytes, 0);
    }

    /// <summary>Bytes the cache may still keep.</summary>
    public long FreeBytes => Math.Max(0, ByteBudget - Volatile.Read(ref _bytes));

    /// <summary>Keeps a series computed ahead of use (e.g. four at once) unless the key is taken or the budget is spent; false: not kept.</summary>
    public bool Add(string key, double[] series)
    {
        long size = (long)series.Length * sizeof(double);
        if (Volatile.Read(ref _bytes) + size > ByteBudget || !_series.TryAdd(key, new Lazy<double[]>(series))) return false;
        Interlocked.Add(ref _bytes, size);
        return true;
    }
}
