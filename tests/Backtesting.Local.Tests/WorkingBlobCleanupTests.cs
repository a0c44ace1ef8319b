using System.Globalization;
using System.Net;
using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Application.Ports;
using Backtesting.Application.Research;
using Backtesting.Application.Workflows.Local;
using Backtesting.Http.Handlers;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>
/// A run that is cancelled or fails leaves none of its working blobs (backtest chunks, research batches)
/// behind: the cancel and the failure discard the run's folder, and a write that lands after that
/// deletes itself.
/// </summary>
public sealed class WorkingBlobCleanupTests
{
    private static readonly object MonteCarlo = new
    {
        strategy_id = "sma_crossover", asset_symbol = "GOOG", parameters = new { fast_period = 10, slow_period = 20 },
        method = "trade_reshuffle", paths = 1_000, batch_size = 10,
    };

    [Fact]
    public async Task Delete_MonteCarloAfterItsFirstWave_DiscardsEveryBatchBlob()
    {
        // The first wave (batches 0-15) lands; every later batch write is held until the cancel stops it, so the run is caught midway.
        using var factory = new LocalHostFactory(configureServices: RecordingBlobStore.Install(
            b => b.Hold = (name, ct) => name.Contains("/batches/", StringComparison.Ordinal) && int.Parse(name[^5..], CultureInfo.InvariantCulture) >= FanOutResearchWorkflow.WaveSize
                ? UntilCancelled(ct) : Task.CompletedTask));
        var (client, blobs) = await StartAsync(factory, "mc-cleanup");
        string id = await client.SubmitResearchAsync(ResearchHandlers.MonteCarloPrefix, MonteCarlo);
        await FirstProgressAsync(factory, id);
        Assert.NotEmpty(await blobs.RemainingAsync(RunBlobNames.WorkingFolder(id)));

        var (status, _, _) = await client.SendJsonAsync(HttpMethod.Delete, $"{ResearchHandlers.MonteCarloPrefix}/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        await AssertNoWorkingBlobsOnceIdleAsync(factory, blobs, id);
        Assert.Equal("cancelled", (string)(await client.GetJsonAsync($"{ResearchHandlers.MonteCarloPrefix}/{id}"))["status"]!);
    }

    [Fact]
    public async Task Delete_BacktestMidway_DiscardsEveryChunkBlob()
    {
        // the first chunk lands; the later ones are held until the cancel stops them, so the run is caught midway
        using var factory = new LocalHostFactory(configureServices: RecordingBlobStore.Install(
            b => b.Hold = (name, ct) => name.Contains("/chunks/", StringComparison.Ordinal) && !name.Contains("/chunks/00000.", StringComparison.Ordinal)
                ? UntilCancelled(ct) : Task.CompletedTask));
        var (client, blobs) = await StartAsync(factory, "bt-cleanup");
        var (_, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/backtests", ApiClient.GoogRequest(chunks: 40));
        string id = (string)body!["backtest_id"]!;
        await FirstProgressAsync(factory, id);

        var (status, _, _) = await client.SendJsonAsync(HttpMethod.Delete, $"/api/backtests/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        await AssertNoWorkingBlobsOnceIdleAsync(factory, blobs, id);
        Assert.Contains(blobs.Written, n => n.Contains("/chunks/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("research", "/batches/00000")]
    [InlineData("backtest", "/chunks/00000.trades.json")]
    [InlineData("research", "curves/")] // the finalize step's curve: the completion is then refused
    [InlineData("backtest", "curves/")]
    public async Task Cancel_WhileABlobIsBeingWritten_TheLateWriteIsDeletedToo(string kind, string lateBlob)
    {
        using var factory = new LocalHostFactory(configureServices: RecordingBlobStore.Install());
        var (client, blobs) = await StartAsync(factory, "late-" + kind);
        var submitted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        blobs.Intercepts = name => name.Contains(lateBlob, StringComparison.Ordinal);
        // The cancel (status, runner, folder discarded) completes before this write lands.
        blobs.BeforeIntercepted = async () =>
        {
            var view = await factory.Services.GetRequiredService<BacktestService>().CancelAsync("late-" + kind, await submitted.Task);
            Assert.Equal("cancelled", view!.Status);
        };

        string id;
        if (kind == "research")
        {
            id = await client.SubmitResearchAsync(ResearchHandlers.MonteCarloPrefix, MonteCarlo);
        }
        else
        {
            var (_, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/backtests", ApiClient.GoogRequest(chunks: 4));
            id = (string)body!["backtest_id"]!;
        }
        submitted.SetResult(id);
        await blobs.InterceptedWritten.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await AssertNoWorkingBlobsOnceIdleAsync(factory, blobs, id);
        Assert.Null(await blobs.GetAsync(RunBlobNames.Curve(id)));
        Assert.Contains(blobs.Written, n => n.Contains(lateBlob, StringComparison.Ordinal));
        Assert.Equal("cancelled", (string)(await client.GetJsonAsync(kind == "research" ? $"{ResearchHandlers.MonteCarloPrefix}/{id}" : $"/api/backtests/{id}"))["status"]!);
    }

    [Fact]
    public async Task BatchFails_TheFailedRunDiscardsTheBatchesThatWereWritten()
    {
        using var factory = new LocalHostFactory(configureServices: RecordingBlobStore.Install());
        var (client, blobs) = await StartAsync(factory, "mc-fails");
        blobs.Fails = name => name.EndsWith("/batches/00020", StringComparison.Ordinal); // in the second wave

        string id = await client.SubmitResearchAsync(ResearchHandlers.MonteCarloPrefix, MonteCarlo);

        await AssertNoWorkingBlobsOnceIdleAsync(factory, blobs, id);
        var run = await client.GetJsonAsync($"{ResearchHandlers.MonteCarloPrefix}/{id}");
        Assert.Equal("failed", (string)run["status"]!);
        // the owner reads a generic message with a reference; the blob path and exception text stay in the log
        Assert.StartsWith("internal error (reference err-", (string)run["error"]!);
        Assert.DoesNotContain("injected failure", (string)run["error"]!);
        Assert.Contains(blobs.Written, n => n.EndsWith("/batches/00000", StringComparison.Ordinal));
    }

    private static async Task<(HttpClient Client, RecordingBlobStore Blobs)> StartAsync(LocalHostFactory factory, string user)
    {
        var client = await factory.CreateUserClientAsync(user);
        return (client, (RecordingBlobStore)factory.Services.GetRequiredService<IBlobStore>());
    }

    private static Task UntilCancelled(CancellationToken ct) => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously).Task.WaitAsync(ct);

    /// <summary>Waits for the run's first event (a progress report, as its first chunk or wave is stored).</summary>
    private static async Task FirstProgressAsync(LocalHostFactory factory, string id)
    {
        var hub = factory.Services.GetRequiredService<RunEventHub>();
        using var subscription = hub.Subscribe(id);
        // after subscribing, so an event published in between is not missed
        if (hub.Last(id) is not null) return;
        await subscription.Events.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Once the run's workflow has stopped (every late write landed and deleted itself), no working blob is left.</summary>
    private static async Task AssertNoWorkingBlobsOnceIdleAsync(LocalHostFactory factory, RecordingBlobStore blobs, string id)
    {
        await factory.Services.GetRequiredService<InProcessWorkflowRunner>().WhenIdleAsync(id).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(await blobs.RemainingAsync(RunBlobNames.WorkingFolder(id)));
    }
}
