using System.Net;
using Backtesting.Application.Backtests;
using Backtesting.Application.Ports;
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
        // Slow writes: a wave of 16 batches takes at least 100 ms, so the run is caught midway.
        using var factory = new LocalHostFactory(configureServices: RecordingBlobStore.Install(TimeSpan.FromMilliseconds(100)));
        var (client, blobs) = await StartAsync(factory, "mc-cleanup");
        string id = await client.SubmitResearchAsync(ResearchHandlers.MonteCarloPrefix, MonteCarlo);
        await WaitAsync(async () => (double)(await client.GetJsonAsync($"{ResearchHandlers.MonteCarloPrefix}/{id}"))["progress"]! > 0, "the first wave");
        Assert.NotEmpty(await blobs.RemainingAsync(RunBlobNames.WorkingFolder(id)));

        var (status, _, _) = await client.SendJsonAsync(HttpMethod.Delete, $"{ResearchHandlers.MonteCarloPrefix}/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        await WaitForNoWorkingBlobsAsync(blobs, id);
        Assert.Equal("cancelled", (string)(await client.GetJsonAsync($"{ResearchHandlers.MonteCarloPrefix}/{id}"))["status"]!);
    }

    [Fact]
    public async Task Delete_BacktestMidway_DiscardsEveryChunkBlob()
    {
        using var factory = new LocalHostFactory(configureServices: RecordingBlobStore.Install(TimeSpan.FromMilliseconds(50)));
        var (client, blobs) = await StartAsync(factory, "bt-cleanup");
        var (_, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/backtests", ApiClient.GoogRequest(chunks: 40));
        string id = (string)body!["backtest_id"]!;
        await WaitAsync(async () => (double)(await client.GetJsonAsync($"/api/backtests/{id}"))["progress"]! > 0, "the first chunk");

        var (status, _, _) = await client.SendJsonAsync(HttpMethod.Delete, $"/api/backtests/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        await WaitForNoWorkingBlobsAsync(blobs, id);
        Assert.Contains(blobs.Written, n => n.Contains("/chunks/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("research", "/batches/00000")]
    [InlineData("backtest", "/chunks/00000.trades.json")]
    [InlineData("research", "curves/")] // the finalize step's curve: the completion is then refused
    [InlineData("backtest", "curves/")]
    public async Task Cancel_WhileABlobIsBeingWritten_TheLateWriteIsDeletedToo(string kind, string lateBlob)
    {
        using var factory = new LocalHostFactory(configureServices: RecordingBlobStore.Install(TimeSpan.Zero));
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

        await WaitForNoWorkingBlobsAsync(blobs, id);
        await WaitAsync(async () => await blobs.GetAsync(RunBlobNames.Curve(id)) is null, "the curve to be deleted");
        Assert.Contains(blobs.Written, n => n.Contains(lateBlob, StringComparison.Ordinal));
        Assert.Equal("cancelled", (string)(await client.GetJsonAsync(kind == "research" ? $"{ResearchHandlers.MonteCarloPrefix}/{id}" : $"/api/backtests/{id}"))["status"]!);
    }

    [Fact]
    public async Task BatchFails_TheFailedRunDiscardsTheBatchesThatWereWritten()
    {
        using var factory = new LocalHostFactory(configureServices: RecordingBlobStore.Install(TimeSpan.FromMilliseconds(20)));
        var (client, blobs) = await StartAsync(factory, "mc-fails");
        blobs.Fails = name => name.EndsWith("/batches/00020", StringComparison.Ordinal); // in the second wave

        string id = await client.SubmitResearchAsync(ResearchHandlers.MonteCarloPrefix, MonteCarlo);

        await WaitAsync(async () => (string)(await client.GetJsonAsync($"{ResearchHandlers.MonteCarloPrefix}/{id}"))["status"]! == "failed", "the run to fail");
        var run = await client.GetJsonAsync($"{ResearchHandlers.MonteCarloPrefix}/{id}");
        // the owner reads a generic message with a reference; the blob path and exception text stay in the log
        Assert.StartsWith("internal error (reference err-", (string)run["error"]!);
        Assert.DoesNotContain("injected failure", (string)run["error"]!);
        Assert.Contains(blobs.Written, n => n.EndsWith("/batches/00000", StringComparison.Ordinal));
        await WaitForNoWorkingBlobsAsync(blobs, id);
    }

    private static async Task<(HttpClient Client, RecordingBlobStore Blobs)> StartAsync(LocalHostFactory factory, string user)
    {
        var client = await factory.CreateUserClientAsync(user);
        return (client, (RecordingBlobStore)factory.Services.GetRequiredService<IBlobStore>());
    }

    private static async Task WaitForNoWorkingBlobsAsync(RecordingBlobStore blobs, string id)
    {
        try
        {
            await WaitAsync(async () => (await blobs.RemainingAsync(RunBlobNames.WorkingFolder(id))).Count == 0, $"the working blobs of {id} to be discarded");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; left: {string.Join(", ", await blobs.RemainingAsync(RunBlobNames.WorkingFolder(id)))}", ex);
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }
}
