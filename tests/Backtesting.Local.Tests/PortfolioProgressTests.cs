using System.Collections.Concurrent;
using Backtesting.Application.Events;
using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Http.Handlers;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>A portfolio reports progress as each asset's bars load, before it completes.</summary>
public sealed class PortfolioProgressTests
{
    /// <summary>Records every event and passes it on to the hub the SSE and WebSocket endpoints read.</summary>
    private sealed class RecordingPublisher(RunEventHub hub) : IRunEventPublisher
    {
        public ConcurrentQueue<RunEvent> Events { get; } = new();

        public void Publish(RunEvent runEvent)
        {
            Events.Enqueue(runEvent);
            hub.Publish(runEvent);
        }
    }

    [Fact]
    public async Task Portfolio_ThreeAssets_ReportsEachLoadedAssetThenCompletes()
    {
        using var factory = new LocalHostFactory(configureServices: services =>
        {
            services.AddSingleton<RecordingPublisher>();
            services.AddSingleton<IRunEventPublisher>(sp => sp.GetRequiredService<RecordingPublisher>());
        });
        var client = await factory.CreateUserClientAsync("pf-progress");
        var goog = await ResearchTestClient.BarsAsync(factory);
        var importer = factory.Services.GetRequiredService<IMarketDataImporter>();
        string second = "P" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), third = "Q" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await importer.ImportAsync(new Asset(second, "GOOG from bar 300"), "1d", goog.Slice(300, goog.Count - 300));
        await importer.ImportAsync(new Asset(third, "GOOG from bar 600"), "1d", goog.Slice(600, goog.Count - 600));

        var run = await client.RunResearchAsync(ResearchHandlers.PortfoliosPrefix, new
        {
            start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End, initial_capital = 10000,
            assets = new object[] { new { symbol = "GOOG", weight = 0.5 }, new { symbol = second, weight = 0.3 }, new { symbol = third, weight = 0.2 } },
        });

        Assert.Equal("completed", (string)run["status"]!);
        string id = (string)run["backtest_id"]!;
        var events = factory.Services.GetRequiredService<RecordingPublisher>().Events.Where(e => e.RunId == id).ToList();
        var progress = events.Where(e => e.Type == RunEvent.Progress).Select(e => ((ProgressMessage)e.Data).Progress).ToList();
        Assert.Equal([30.0, 60.0, 90.0], progress);
        Assert.Equal(RunEvent.Complete, events[^1].Type);
    }
}
