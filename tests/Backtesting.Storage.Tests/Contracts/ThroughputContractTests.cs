using System.Diagnostics;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;
using Xunit.Abstractions;

namespace Backtesting.Storage.Tests.Contracts;

/// <summary>
/// Timing harness for the README's storage figures: bulk import, range read and trade writes at
/// full size. Asserts correctness only and prints the timings (timing assertions would be flaky
/// on a shared machine).
/// </summary>
public abstract class ThroughputContractTests<TFixture>(TFixture fixture, ITestOutputHelper output) : IClassFixture<TFixture> where TFixture : StorageFixture
{
    private const int Bars = 1_000_000;
    private const int Trades = 100_000;

    protected TFixture Fixture { get; } = fixture;

    [Fact]
    public async Task ImportThenRangeRead_OneMillionBars_RoundTrip()
    {
        var asset = StorageFixture.NewAsset("BENCH");
        var bars = TestBars.Minutes(Bars);

        var clock = Stopwatch.StartNew();
        await Fixture.Importer.ImportAsync(asset, "1m", bars);
        Report("import (new range)", Bars, clock.Elapsed);

        clock.Restart();
        var read = await Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1m", null, null);
        Report("range read", Bars, clock.Elapsed);
        clock.Restart();
        var again = await Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1m", null, null);
        Report("range read (warm)", Bars, clock.Elapsed);

        clock.Restart();
        var slice = await Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1m", bars.TimeAt(500_000), bars.TimeAt(599_999));
        Report("range read of 100k inside", 100_000, clock.Elapsed);

        var overlap = bars.Slice(900_000, 100_000);
        clock.Restart();
        await Fixture.Importer.ImportAsync(asset, "1m", overlap);
        Report("re-import of an overlapping range (upsert)", overlap.Count, clock.Elapsed);

        TestBars.AssertEqual(bars, read!);
        TestBars.AssertEqual(bars, again!);
        TestBars.AssertEqual(bars.Slice(500_000, 100_000), slice!);
        Assert.Equal(Bars, (await Fixture.MarketData.GetRangesAsync(asset.Symbol)).Single().Count);
    }

    [Fact]
    public async Task CompleteAsync_OneHundredThousandTrades_AllStored()
    {
        var (userId, symbol) = await Fixture.SeedUserAndAssetAsync();
        var run = TestRuns.Run(userId, symbol, Application.Runs.RunStatus.Running);
        await Fixture.Runs.CreateAsync(run);
        var completion = TestRuns.Completion(run.Id, Trades);

        var clock = Stopwatch.StartNew();
        await Fixture.Runs.CompleteAsync(completion);
        Report("complete with trades", Trades, clock.Elapsed);

        clock.Restart();
        var page = await Fixture.Runs.GetTradesAsync(run.Id, 50_000, 500);
        output.WriteLine($"{Fixture.Service.ProviderName}: trade page of 500 at offset 50000 with total in {clock.Elapsed.TotalMilliseconds:0.0} ms");

        Assert.Equal(Trades, page.Total);
        Assert.Equal(completion.Trades.Skip(50_000).Take(500), page.Items);
    }

    private void Report(string what, int rows, TimeSpan elapsed)
    {
        string line = $"{Fixture.Service.ProviderName}: {what}: {rows:N0} rows in {elapsed.TotalMilliseconds:0} ms ({rows / elapsed.TotalSeconds:N0} rows/s)";
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
