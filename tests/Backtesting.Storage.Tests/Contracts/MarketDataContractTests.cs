using Backtesting.Application.MarketData;
using Backtesting.Engine.Data;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Contracts;

/// <summary>What every <see cref="Application.Ports.IMarketDataStore"/> and importer do, run against each backend.</summary>
public abstract class MarketDataContractTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : StorageFixture
{
    protected TFixture Fixture { get; } = fixture;

    [Fact]
    public async Task ImportAsync_ThenReadBarsAsync_ReturnsTheSameBarsInOrder()
    {
        var asset = StorageFixture.NewAsset();
        var bars = TestBars.Daily(500);

        long written = await Fixture.Importer.ImportAsync(asset, "1d", bars);
        var read = await Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1d", null, null);

        Assert.Equal(500, written);
        TestBars.AssertEqual(bars, read!);
        Assert.Equal(bars.PriceDecimals, read!.PriceDecimals);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(9)]
    public async Task ReadBarsAsync_TimeSliceBoundariesOnBars_ReturnEveryBarOnceInOrder(int count)
    {
        // a long range may be read as parallel time slices; with these counts the slice boundaries fall exactly on bars
        var asset = StorageFixture.NewAsset();
        var bars = TestBars.Daily(count);
        await Fixture.Importer.ImportAsync(asset, "1d", bars);

        TestBars.AssertEqual(bars, (await Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1d", null, null))!);
        var inner = await Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1d", bars.TimeAt(1), bars.TimeAt(count - 1));
        TestBars.AssertEqual(bars.Slice(1, count - 1), inner!);
    }

    [Fact]
    public async Task ReadBarsAsync_CancelledToken_ThrowsRatherThanReturningPart()
    {
        // A long range (read as parallel time slices) with a token cancelled before the call: every slice sees the
        // cancellation, so the read must throw; a race with a timer could let it finish and prove nothing.
        var asset = StorageFixture.NewAsset();
        await Fixture.Importer.ImportAsync(asset, "1m", TestBars.Minutes(20_000));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1m", null, null, cancellation.Token));

        // the same read with a live token returns the whole series
        Assert.Equal(20_000, (await Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1m", null, null, CancellationToken.None))!.Count);
    }

    [Fact]
    public async Task ImportAsync_CancelledToken_WritesNothing_ThenALiveImportWritesAll()
    {
        var asset = StorageFixture.NewAsset();
        var bars = TestBars.Minutes(20_000);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Fixture.Importer.ImportAsync(asset, "1m", bars, cancellation.Token));

        // nothing of the cancelled import is left: neither the asset nor any bar
        Assert.Null(await Fixture.MarketData.GetAssetAsync(asset.Symbol));
        Assert.Null(await Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1m", null, null));

        Assert.Equal(20_000, await Fixture.Importer.ImportAsync(asset, "1m", bars));
        TestBars.AssertEqual(bars, (await Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1m", null, null))!);
    }

    [Fact]
    public async Task ImportAsync_CreatesTheAssetOnce_KeepsAnExistingName()
    {
        var asset = StorageFixture.NewAsset() with { Name = "Alphabet Inc.", AssetClass = "equity", Currency = "USD" };

        await Fixture.Importer.ImportAsync(asset, "1d", TestBars.Daily(10));
        await Fixture.Importer.ImportAsync(asset with { Name = "Other name" }, "1h", TestBars.Daily(10));

        Assert.Equal(asset, await Fixture.MarketData.GetAssetAsync(asset.Symbol));
        Assert.Contains(asset, await Fixture.MarketData.ListAssetsAsync());
        Assert.Null(await Fixture.MarketData.GetAssetAsync("NO-SUCH"));
    }

    [Fact]
    public async Task ImportAsync_OverlappingRange_UpdatesExistingBarsWithoutDuplicates()
    {
        var asset = StorageFixture.NewAsset();
        var first = TestBars.Daily(100, seed: 1);
        var second = TestBars.Daily(100, seed: 2, start: TestBars.Start.AddDays(50)); // days 50..149, other prices

        await Fixture.Importer.ImportAsync(asset, "1d", first);
        await Fixture.Importer.ImportAsync(asset, "1d", second);
        var read = await Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1d", null, null);

        Assert.Equal(150, read!.Count);
        Assert.Equal(first.Timestamps.Take(50).Concat(second.Timestamps), read.Timestamps);
        Assert.Equal(first.Close.Take(50).Concat(second.Close), read.Close);
        Assert.Equal(first.Open.Take(50).Concat(second.Open), read.Open);
        Assert.Equal(second.Volume, read.Volume.Skip(50));
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_KeepsOneRowPerBar()
    {
        var asset = StorageFixture.NewAsset();
        var bars = TestBars.Daily(40);

        await Fixture.Importer.ImportAsync(asset, "1d", bars);
        await Fixture.Importer.ImportAsync(asset, "1d", bars);

        Assert.Equal([new BarRange(asset.Symbol, "1d", 40, bars.TimeAt(0), bars.TimeAt(39))], await Fixture.MarketData.GetRangesAsync(asset.Symbol));
    }

    [Fact]
    public async Task ReadBarsAsync_Bounds_AreInclusiveAndOptional()
    {
        var asset = StorageFixture.NewAsset();
        var bars = TestBars.Daily(100);
        await Fixture.Importer.ImportAsync(asset, "1d", bars);
        var store = Fixture.MarketData;

        var middle = await store.ReadBarsAsync(asset.Symbol, "1d", bars.TimeAt(10), bars.TimeAt(20));
        var fromOnly = await store.ReadBarsAsync(asset.Symbol, "1d", bars.TimeAt(90), null);
        var toOnly = await store.ReadBarsAsync(asset.Symbol, "1d", null, bars.TimeAt(4));
        var between = await store.ReadBarsAsync(asset.Symbol, "1d", bars.TimeAt(10).AddHours(1), bars.TimeAt(12).AddHours(1));
        var after = await store.ReadBarsAsync(asset.Symbol, "1d", bars.TimeAt(99).AddSeconds(1), null);

        TestBars.AssertEqual(bars.Slice(10, 11), middle!);
        TestBars.AssertEqual(bars.Slice(90, 10), fromOnly!);
        TestBars.AssertEqual(bars.Slice(0, 5), toOnly!);
        TestBars.AssertEqual(bars.Slice(11, 2), between!);
        Assert.NotNull(after);
        Assert.Equal(0, after.Count);
        Assert.Equal(DateTimeKind.Utc, middle!.TimeAt(0).Kind);
    }

    [Fact]
    public async Task ReadBarsAsync_UnknownAsset_ReturnsNull_KnownAssetOtherTimeframe_ReturnsEmpty()
    {
        var asset = StorageFixture.NewAsset();
        await Fixture.Importer.ImportAsync(asset, "1d", TestBars.Daily(5));

        Assert.Null(await Fixture.MarketData.ReadBarsAsync("NO-SUCH", "1d", null, null));
        Assert.Equal(0, (await Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1h", null, null))!.Count);
    }

    [Fact]
    public async Task ReadBarPageAsync_ReturnsTheOffsetAndLimitOfTheRange_WithItsTotal()
    {
        var asset = StorageFixture.NewAsset();
        var bars = TestBars.Daily(100);
        await Fixture.Importer.ImportAsync(asset, "1d", bars);
        var store = Fixture.MarketData;

        // the range [bar 10, bar 59] holds 50 bars; offset 5 limit 7 is bars 15..21
        var middle = await store.ReadBarPageAsync(asset.Symbol, "1d", bars.TimeAt(10), bars.TimeAt(59), 5, 7);
        // offset 45 limit 10 runs past the end of the range: bars 55..59 only
        var tail = await store.ReadBarPageAsync(asset.Symbol, "1d", bars.TimeAt(10), bars.TimeAt(59), 45, 10);
        // no bounds: the first bar of the whole series, total 100
        var first = await store.ReadBarPageAsync(asset.Symbol, "1d", null, null, 0, 1);
        var beyond = await store.ReadBarPageAsync(asset.Symbol, "1d", bars.TimeAt(10), bars.TimeAt(59), 50, 10);

        TestBars.AssertEqual(bars.Slice(15, 7), middle!.Bars);
        Assert.Equal(50, middle.Total);
        TestBars.AssertEqual(bars.Slice(55, 5), tail!.Bars);
        Assert.Equal(50, tail.Total);
        TestBars.AssertEqual(bars.Slice(0, 1), first!.Bars);
        Assert.Equal(100, first.Total);
        Assert.Equal(0, beyond!.Bars.Count);
        Assert.Equal(50, beyond.Total);
        Assert.Equal(DateTimeKind.Utc, middle.Bars.TimeAt(0).Kind);
    }

    [Fact]
    public async Task ReadBarPageAsync_ConsecutivePages_CoverTheRangeOnceInOrder()
    {
        var asset = StorageFixture.NewAsset();
        var bars = TestBars.Minutes(1_000);
        await Fixture.Importer.ImportAsync(asset, "1m", bars);
        DateTime from = bars.TimeAt(100).AddSeconds(30), to = bars.TimeAt(899);   // bars 101..899: 799 bars

        var times = new List<long>();
        for (int offset = 0; ; offset += 64)
        {
            var page = (await Fixture.MarketData.ReadBarPageAsync(asset.Symbol, "1m", from, to, offset, 64))!;
            Assert.Equal(799, page.Total);
            if (page.Bars.Count == 0) break;
            times.AddRange(page.Bars.Timestamps);
        }

        Assert.Equal(bars.Slice(101, 799).Timestamps, times);
    }

    [Fact]
    public async Task ReadBarPageAsync_UnknownAsset_ReturnsNull_KnownAssetOtherTimeframe_ReturnsEmpty()
    {
        var asset = StorageFixture.NewAsset();
        await Fixture.Importer.ImportAsync(asset, "1d", TestBars.Daily(5));

        Assert.Null(await Fixture.MarketData.ReadBarPageAsync("NO-SUCH", "1d", null, null, 0, 10));
        var empty = (await Fixture.MarketData.ReadBarPageAsync(asset.Symbol, "1h", null, null, 0, 10))!;
        Assert.Equal(0, empty.Bars.Count);
        Assert.Equal(0, empty.Total);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(0, 0)]
    [InlineData(0, MarketDataService.MaxBarsPerPage + 1)]
    public async Task ReadBarPageAsync_OffsetOrLimitOutOfRange_Throws(int offset, int limit)
    {
        var asset = StorageFixture.NewAsset();
        await Fixture.Importer.ImportAsync(asset, "1d", TestBars.Daily(5));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Fixture.MarketData.ReadBarPageAsync(asset.Symbol, "1d", null, null, offset, limit));
    }

    [Fact]
    public async Task GetRangesAsync_ReturnsCountAndBoundsPerTimeframe()
    {
        var asset = StorageFixture.NewAsset();
        var daily = TestBars.Daily(30);
        var minutes = TestBars.Minutes(120);
        await Fixture.Importer.ImportAsync(asset, "1d", daily);
        await Fixture.Importer.ImportAsync(asset, "1m", minutes);

        var ranges = await Fixture.MarketData.GetRangesAsync(asset.Symbol);

        Assert.Equal(
            [
                new BarRange(asset.Symbol, "1d", 30, daily.TimeAt(0), daily.TimeAt(29)),
                new BarRange(asset.Symbol, "1m", 120, minutes.TimeAt(0), minutes.TimeAt(119)),
            ],
            ranges);
        Assert.Empty(await Fixture.MarketData.GetRangesAsync("NO-SUCH"));
    }

    [Fact]
    public async Task ImportAsync_InvalidBars_ThrowsAndWritesNothing()
    {
        var asset = StorageFixture.NewAsset();
        var good = TestBars.Daily(10);
        var close = good.Close.ToArray();
        close[5] = -1;
        var bad = new BarSeries(good.Timestamps, good.Open, good.High, good.Low, close, good.Volume);

        await Assert.ThrowsAsync<BarDataException>(() => Fixture.Importer.ImportAsync(asset, "1d", bad));

        Assert.Null(await Fixture.MarketData.GetAssetAsync(asset.Symbol));
    }

    [Theory]
    [InlineData("", "1d")]
    [InlineData("BAD SYMBOL", "1d")]
    [InlineData("GOOG", "daily")]
    [InlineData("GOOG", "0d")]
    public async Task ImportAsync_InvalidSymbolOrTimeframe_Throws(string symbol, string timeframe)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Fixture.Importer.ImportAsync(new Asset(symbol, "x"), timeframe, TestBars.Daily(3)));
    }

    [Fact]
    public async Task ImportAsync_CsvThroughTheEngineReader_RoundTrips()
    {
        var asset = StorageFixture.NewAsset();
        var bars = CsvBarReader.Parse("Date,Open,High,Low,Close,Volume\n2004-08-19,100.01,104.06,95.96,100.335,44659000\n2004-08-20,101.01,109.08,100.5,108.31,22834300\n");

        await Fixture.Importer.ImportAsync(asset, "1d", bars);

        var read = await Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1d", null, null);
        TestBars.AssertEqual(bars, read!);
        Assert.Equal(3, read!.PriceDecimals);
    }
}
