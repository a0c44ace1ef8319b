using Backtesting.Storage.Caching;
using Backtesting.Storage.Tests.Builders;

namespace Backtesting.Storage.Tests.Caching;

public sealed class CachedMarketDataStoreTests
{
    private readonly CountingMarketDataStore _inner = new() { BarsBySymbol = { ["A"] = 100, ["B"] = 100, ["C"] = 100 } };
    private readonly ManualTimeProvider _clock = new();

    private CachedMarketDataStore Cache(long maxBars = 1_000, TimeSpan? maxAge = null) => new(_inner, new MarketDataCacheOptions(maxBars, maxAge), _clock);

    [Fact]
    public async Task ReadBarsAsync_SameRangeTwice_ReadsOnceAndSharesTheSeries()
    {
        var cache = Cache();

        var first = await cache.ReadBarsAsync("A", "1d", null, null);
        var second = await cache.ReadBarsAsync("A", "1d", null, null);

        Assert.Same(first, second);
        Assert.Equal(1, _inner.Reads);
        Assert.Equal(100, cache.CachedBars);
    }

    [Fact]
    public async Task ReadBarsAsync_DifferentRangeOrTimeframe_ReadsAgain()
    {
        var cache = Cache();

        await cache.ReadBarsAsync("A", "1d", null, null);
        var part = await cache.ReadBarsAsync("A", "1d", TestBars.Start.AddDays(10), null);
        await cache.ReadBarsAsync("A", "1h", null, null);

        Assert.Equal(3, _inner.Reads);
        Assert.Equal(90, part!.Count);
    }

    [Fact]
    public async Task ReadBarsAsync_OverTheBarBudget_EvictsTheLeastRecentlyUsed()
    {
        var cache = Cache(maxBars: 250);

        await cache.ReadBarsAsync("A", "1d", null, null);
        await cache.ReadBarsAsync("B", "1d", null, null);
        await cache.ReadBarsAsync("A", "1d", null, null); // A is now the most recent
        await cache.ReadBarsAsync("C", "1d", null, null); // evicts B
        await cache.ReadBarsAsync("A", "1d", null, null);
        await cache.ReadBarsAsync("B", "1d", null, null);

        Assert.Equal(4, _inner.Reads);
        Assert.True(cache.CachedBars <= 250);
    }

    [Fact]
    public async Task ReadBarsAsync_SeriesLargerThanTheBudget_IsServedButNotCached()
    {
        var cache = Cache(maxBars: 50);

        var bars = await cache.ReadBarsAsync("A", "1d", null, null);
        await cache.ReadBarsAsync("A", "1d", null, null);

        Assert.Equal(100, bars!.Count);
        Assert.Equal(2, _inner.Reads);
        Assert.Equal(0, cache.CachedBars);
    }

    [Fact]
    public async Task ReadBarsAsync_UnknownAsset_IsNotCached()
    {
        var cache = Cache();

        Assert.Null(await cache.ReadBarsAsync("Z", "1d", null, null));
        Assert.Null(await cache.ReadBarsAsync("Z", "1d", null, null));
        Assert.Equal(2, _inner.Reads);
    }

    [Fact]
    public async Task ReadBarsAsync_AfterMaxAge_ReadsAgain()
    {
        var cache = Cache(maxAge: TimeSpan.FromMinutes(5));

        await cache.ReadBarsAsync("A", "1d", null, null);
        _clock.Advance(TimeSpan.FromMinutes(4));
        await cache.ReadBarsAsync("A", "1d", null, null);
        _clock.Advance(TimeSpan.FromMinutes(2));
        await cache.ReadBarsAsync("A", "1d", null, null);

        Assert.Equal(2, _inner.Reads);
    }

    [Fact]
    public async Task Invalidate_DropsTheSymbolsRangesOnly()
    {
        var cache = Cache();
        await cache.ReadBarsAsync("A", "1d", null, null);
        await cache.ReadBarsAsync("B", "1d", null, null);

        cache.Invalidate("A");
        await cache.ReadBarsAsync("A", "1d", null, null);
        await cache.ReadBarsAsync("B", "1d", null, null);

        Assert.Equal(3, _inner.Reads);
    }

    [Fact]
    public async Task ReadBarsAsync_ConcurrentReadsOfOneRange_ShareOneDatabaseRead()
    {
        var cache = Cache();
        _inner.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var reads = Enumerable.Range(0, 10).Select(_ => cache.ReadBarsAsync("A", "1d", null, null)).ToList();
        _inner.Gate.SetResult();
        var results = await Task.WhenAll(reads);

        Assert.Equal(1, _inner.Reads);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public async Task ReadBarsAsync_CallerCancels_OthersStillGetTheSharedRead()
    {
        var cache = Cache();
        _inner.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();

        var cancelled = cache.ReadBarsAsync("A", "1d", null, null, cancel.Token);
        var other = cache.ReadBarsAsync("A", "1d", null, null);
        cancel.Cancel();
        _inner.Gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(100, (await other)!.Count);
    }

    [Fact]
    public async Task Invalidate_DuringARead_KeepsThatReadOutOfTheCache()
    {
        var cache = Cache();
        _inner.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var read = cache.ReadBarsAsync("A", "1d", null, null);
        cache.Invalidate("A");
        _inner.Gate.SetResult();
        await read;
        _inner.Gate = null;
        await cache.ReadBarsAsync("A", "1d", null, null);

        Assert.Equal(2, _inner.Reads);
    }

    [Fact]
    public async Task ReadBarsAsync_AfterInvalidateDuringARead_StartsAFreshRead()
    {
        var cache = Cache();
        _inner.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var before = cache.ReadBarsAsync("A", "1d", null, null);
        cache.Invalidate("A");
        var after = cache.ReadBarsAsync("A", "1d", null, null);
        _inner.Gate.SetResult();
        await Task.WhenAll(before, after);
        _inner.Gate = null;
        await cache.ReadBarsAsync("A", "1d", null, null);

        Assert.Equal(2, _inner.Reads); // the read after the invalidation was cached, the one before was not
    }
}
