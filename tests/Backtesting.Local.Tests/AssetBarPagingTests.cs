using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Engine.Synthetic;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>Issue 19 item 5: a one-bar page of a large asset is read as a page in SQL, never as the whole range.</summary>
public sealed class AssetBarPagingTests
{
    [Fact]
    public async Task LimitOne_OnALargeAsset_ReturnsOneBar_WithoutAWholeRangeRead()
    {
        using var factory = new LocalHostFactory(settings: LocalHostFactory.GenerousLimits, configureServices: CountingMarketDataStore.Decorate);
        // 100,000 one-minute bars from 2020-01-01T00:00Z, one every minute: 2020-02-01T00:00Z is bar 31 * 1440 = 44,640,
        // and from there to the end are 100,000 - 44,640 = 55,360 bars
        var bars = GbmBarGenerator.Generate(new GbmOptions
        {
            Bars = 100_000, Seed = 19, Start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Interval = TimeSpan.FromMinutes(1),
        });
        await factory.Services.GetRequiredService<IMarketDataImporter>().ImportAsync(new Asset("BIG", "Large asset"), "1m", bars);
        var client = await factory.CreateUserClientAsync("pager");
        var counter = factory.Services.GetRequiredService<CountingMarketDataStore>();
        int rangeReadsBefore = counter.RangeReads, pageReadsBefore = counter.PageReads;

        var page = await client.GetJsonAsync("/api/assets/BIG/bars?timeframe=1m&from=2020-02-01&limit=1");

        var items = page["items"]!.AsArray();
        Assert.Single(items);
        Assert.Equal(DateTime.Parse("2020-02-01T00:00:00Z", null, System.Globalization.DateTimeStyles.AdjustToUniversal), (DateTime)items[0]!["time"]!);
        Assert.Equal(bars.Close[44_640], (double)items[0]!["close"]!);
        Assert.Equal(55_360, (long)page["total"]!);
        Assert.Equal(rangeReadsBefore, counter.RangeReads);
        Assert.Equal(pageReadsBefore + 1, counter.PageReads);
    }
}
