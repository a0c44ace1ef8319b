using System.Diagnostics;
using Backtesting.Application.Runs;
using Backtesting.Engine.Data;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;
using Xunit.Abstractions;

namespace Backtesting.Storage.Tests.Contracts;

/// <summary>
/// Timing harness for the README's storage figures: bulk import, range read and trade writes at
/// full size. Asserts correctness only and prints the timings (best of a few tries; timing
/// assertions would be flaky on a shared machine).
/// </summary>
public abstract class ThroughputContractTests<TFixture>(TFixture fixture, ITestOutputHelper output) : IClassFixture<TFixture> where TFixture : StorageFixture
{
    private const int Bars = 1_000_000;
    protected const int Trades = 100_000;
    private const int Tries = 3;

    protected TFixture Fixture { get; } = fixture;

    [Fact]
    public async Task ImportThenRangeRead_OneMillionBars_RoundTrip()
    {
        var asset = StorageFixture.NewAsset("BENCH");
        var bars = TestBars.Minutes(Bars);

        var clock = Stopwatch.StartNew();
        await Fixture.Importer.ImportAsync(asset, "1m", bars);
        Report("import of a new range", Bars, clock.Elapsed);

        BarSeries? read = null;
        await TimeBestAsync("range read", Bars, async () => read = await Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1m", null, null));
        BarSeries? slice = null;
        await TimeBestAsync("range read of 100k inside", 100_000,
            async () => slice = await Fixture.MarketData.ReadBarsAsync(asset.Symbol, "1m", bars.TimeAt(500_000), bars.TimeAt(599_999)));

        var overlap = bars.Slice(900_000, 100_000);
        clock.Restart();
        await Fixture.Importer.ImportAsync(asset, "1m", overlap);
        Report("re-import of an overlapping range (upsert)", overlap.Count, clock.Elapsed);

        TestBars.AssertEqual(bars, read!);
        TestBars.AssertEqual(bars.Slice(500_000, 100_000), slice!);
        Assert.Equal(Bars, (await Fixture.MarketData.GetRangesAsync(asset.Symbol)).Single().Count);
    }

    [Fact]
    public async Task CompleteAsync_OneHundredThousandTrades_AllStored()
    {
        RunCompletion? last = null;
        await TimeBestAsync("complete a run with trades", Trades, async () =>
        {
            var run = await Fixture.CreateRunAsync(RunStatus.Running);
            last = TestRuns.Completion(run.Id, Trades);
        }, () => Fixture.Runs.CompleteAsync(last!));

        var clock = Stopwatch.StartNew();
        var page = await Fixture.Runs.GetTradesAsync(last!.RunId, 50_000, 500);
        output.WriteLine($"{Fixture.Service.ProviderName}: trade page of 500 at offset 50,000 with its total in {clock.Elapsed.TotalMilliseconds:0.0} ms");

        Assert.Equal(Trades, page.Total);
        Assert.Equal(last.Trades.Skip(50_000).Take(500), page.Items);
    }

    private Task TimeBestAsync(string what, int rows, Func<Task> body) =>
        TimeBestAsync(what, rows, () => Task.CompletedTask, body);

    /// <summary>Runs <paramref name="setup"/> (untimed) then <paramref name="body"/> a few times and reports the fastest.</summary>
    protected async Task TimeBestAsync(string what, int rows, Func<Task> setup, Func<Task> body)
    {
        var best = TimeSpan.MaxValue;
        for (int i = 0; i < Tries; i++)
        {
            await setup();
            var clock = Stopwatch.StartNew();
            await body();
            if (clock.Elapsed < best)
                best = clock.Elapsed;
        }
        Report($"{what} (best of {Tries})", rows, best);
    }

    private void Report(string what, int rows, TimeSpan elapsed)
    {
        string line = $"{Fixture.Service.ProviderName}: {what}: {rows:N0} rows in {elapsed.TotalMilliseconds:0} ms ({rows / elapsed.TotalSeconds:N0} rows/s)";
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
