using System.Text.Json;
using Backtesting.Application.Backtests;
using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Synthetic;
using Backtesting.Engine.Validation;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>
/// Issue 17: a backtest in K chunks reads its bars (and so generates its signals) once per run, not K + 2 times,
/// and its equity curve is the one-pass engine's bit for bit for any chunking (DESIGN.md section 6).
/// </summary>
public sealed class ChunkedBacktestTests
{
    [Theory]
    [InlineData("sma_crossover", "long")]
    [InlineData("ema_crossover", "long_short")]
    public async Task AnyChunking_OnGbm_EqualsTheOnePassEngine_AndReadsTheBarsOnce(string strategyId, string direction)
    {
        using var factory = new LocalHostFactory(settings: LocalHostFactory.GenerousLimits, configureServices: CountingMarketDataStore.Decorate);
        var bars = GbmBarGenerator.Generate(new GbmOptions
        {
            Bars = 10_000, Seed = 17, Start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Interval = TimeSpan.FromMinutes(1),
        });
        await factory.Services.GetRequiredService<IMarketDataImporter>().ImportAsync(new Asset("GBM", "gbm, 10,000 one-minute bars"), "1m", bars);
        var parameters = new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 30, ["commission"] = 0.0001, ["direction"] = direction };
        var config = StrategyConfigValidator.Validate(strategyId, parameters.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value))).GetConfigOrThrow();
        var expected = BacktestEngine.Run(bars, config, 100_000);
        Assert.True(expected.Trades.Count > 50, "too few trades to tell chunkings apart");

        var client = await factory.CreateUserClientAsync("chunked-gbm");
        var counter = factory.Services.GetRequiredService<CountingMarketDataStore>();
        var reads = new List<int>();
        foreach (int chunks in new[] { 1, 7, 50 })
        {
            int before = counter.RangeReads;
            string id = await client.RunToCompletionAsync(new
            {
                strategy_id = strategyId, asset_symbol = "GBM", timeframe = "1m", initial_capital = 100_000, parameters, chunks,
            });
            reads.Add(counter.RangeReads - before);

            var equity = (await client.GetJsonAsync($"/api/backtests/{id}/equity?max_points=100000"))["points"]!.AsArray();
            Assert.Equal(expected.Equity, equity.Select(p => (double)p![1]!).ToArray());
            var metrics = (await client.GetJsonAsync($"/api/backtests/{id}/metrics?names=total_trades"))["metrics"]!;
            Assert.Equal(expected.Metrics.TotalTrades, (int)metrics["total_trades"]!);
        }
        // a 50-chunk run reads the bars as often as a one-chunk run (the submit's check and the preparation), where
        // every chunk and the finalization used to read them (and generate the signals) again: 1 + 1 + K + 1 reads
        Assert.Equal(reads[0], reads[1]);
        Assert.Equal(reads[0], reads[2]);
    }

    [Theory]
    [InlineData("sma_crossover", "long")]
    [InlineData("ema_crossover", "long_short")]
    public async Task AnyChunking_ThroughChunkBlobs_EqualsTheOnePassEngine(string strategyId, string direction)
    {
        // the Durable workers' hand-over: every chunk writes its curve and trades as blobs, the finalization decodes them
        // into one recording of the run
        using var factory = new LocalHostFactory(settings: LocalHostFactory.GenerousLimits, configureServices: RecordingBlobStore.Install());
        var blobs = (RecordingBlobStore)factory.Services.GetRequiredService<IBlobStore>();
        var bars = GbmBarGenerator.Generate(new GbmOptions
        {
            Bars = 10_000, Seed = 29, Start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Interval = TimeSpan.FromMinutes(1),
        });
        await factory.Services.GetRequiredService<IMarketDataImporter>().ImportAsync(new Asset("GBM", "gbm, 10,000 one-minute bars"), "1m", bars);
        var parameters = new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 30, ["commission"] = 0.0001, ["direction"] = direction, ["close_at_end"] = direction == "long" };
        var config = StrategyConfigValidator.Validate(strategyId, parameters.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value))).GetConfigOrThrow();
        var expected = BacktestEngine.Run(bars, config, 100_000);
        Assert.True(expected.Trades.Count > 50, "too few trades to tell chunkings apart");

        var client = await factory.CreateUserClientAsync("chunk-blobs");
        foreach (int chunks in new[] { 1, 7, 50 })
        {
            int writesBefore = blobs.ChunkWrites;
            string id = await client.RunToCompletionAsync(new
            {
                strategy_id = strategyId, asset_symbol = "GBM", timeframe = "1m", initial_capital = 100_000, parameters, chunks,
            });

            Assert.Equal(chunks, blobs.ChunkWrites - writesBefore);
            Assert.Empty(await blobs.RemainingAsync(RunBlobNames.WorkingFolder(id)));
            var equity = (await client.GetJsonAsync($"/api/backtests/{id}/equity?max_points=100000"))["points"]!.AsArray();
            Assert.Equal(expected.Equity, equity.Select(p => (double)p![1]!).ToArray());
            var metrics = (await client.GetJsonAsync($"/api/backtests/{id}/metrics?names=total_trades,final_capital"))["metrics"]!;
            Assert.Equal(expected.Metrics.TotalTrades, (int)metrics["total_trades"]!);
            Assert.Equal(expected.Metrics.FinalCapital, (double)metrics["final_capital"]!);
        }
    }

    [Fact]
    public async Task RecordingLostMidRun_FinalizationSimulatesAgain_ToTheOnePassCurve()
    {
        // As after a restart midway, or the run's inputs dropped from a full cache: the chunks' in-memory recording is
        // gone after the third of seven chunks, so the later chunks cannot continue it and the finalization must
        // simulate the run again, with no chunk blobs to fall back on.
        var counter = new StorageCallCounter();
        using var factory = new LocalHostFactory(settings: LocalHostFactory.GenerousLimits, configureServices: services =>
        {
            CountingMarketDataStore.Decorate(services);
            counter.Install()(services);
        });
        var bars = GbmBarGenerator.Generate(new GbmOptions
        {
            Bars = 10_000, Seed = 23, Start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Interval = TimeSpan.FromMinutes(1),
        });
        await factory.Services.GetRequiredService<IMarketDataImporter>().ImportAsync(new Asset("GBM", "gbm, 10,000 one-minute bars"), "1m", bars);
        var parameters = new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 30, ["commission"] = 0.0001, ["direction"] = "long_short" };
        var config = StrategyConfigValidator.Validate("sma_crossover", parameters.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value))).GetConfigOrThrow();
        var expected = BacktestEngine.Run(bars, config, 100_000);
        Assert.True(expected.Trades.Count > 50, "too few trades to tell a lost recording apart");

        var cache = factory.Services.GetRequiredService<BacktestInputsCache>();
        int chunksJournaled = 0;
        counter.Before = (call, args) =>
        {
            // the journal records results in batches (each as the workflow's next call starts)
            if (call == "IJobJournal.RecordAsync" && args is [string runId, IReadOnlyList<KeyValuePair<string, string>> entries, ..])
            {
                foreach (var entry in entries)
                {
                    if (entry.Key.Contains(nameof(SimulateChunkActivity), StringComparison.Ordinal) && Interlocked.Increment(ref chunksJournaled) == 3)
                        cache.Evict(runId);
                }
            }
        };
        var client = await factory.CreateUserClientAsync("lost-recording");
        string id = await client.RunToCompletionAsync(new
        {
            strategy_id = "sma_crossover", asset_symbol = "GBM", timeframe = "1m", initial_capital = 100_000, parameters, chunks = 7,
        });

        Assert.Equal(7, chunksJournaled);
        // no chunk blobs were written: the curve is the only blob put, none deleted (a blob read may be the events stream's, reading the
        // stored curve's preview when it joins after the run completed)
        var blobCalls = counter.Snapshot();
        Assert.Equal(1, blobCalls.GetValueOrDefault("IBlobStore.PutAsync"));
        Assert.DoesNotContain("IBlobStore.DeleteAsync", blobCalls.Keys);
        var equity = (await client.GetJsonAsync($"/api/backtests/{id}/equity?max_points=100000"))["points"]!.AsArray();
        Assert.Equal(expected.Equity, equity.Select(p => (double)p![1]!).ToArray());
        var metrics = (await client.GetJsonAsync($"/api/backtests/{id}/metrics?names=total_trades,final_capital"))["metrics"]!;
        Assert.Equal(expected.Metrics.TotalTrades, (int)metrics["total_trades"]!);
        Assert.Equal(expected.Metrics.FinalCapital, (double)metrics["final_capital"]!);
    }
}
