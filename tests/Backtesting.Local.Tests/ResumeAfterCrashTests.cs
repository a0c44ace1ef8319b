using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

public sealed class ResumeAfterCrashTests
{
    [Theory]
    [InlineData(StorageBackend.Sqlite)]
    [InlineData(StorageBackend.PostgresAzurite)]
    public async Task RunnerStoppedMidJob_NewHostOnSameStorageFinishesFromJournal(StorageBackend backend)
    {
        string folder = Path.Combine(Path.GetTempPath(), "bt-resume-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var shared = new Dictionary<string, string?>();
        string id;
        string key;
        const int chunks = 40;

        // chunks 1-5 land; the sixth chunk write is held until the stop cancels it, so the stop always comes midway
        RecordingBlobStore? first = null;
        int chunkWrites = 0;
        var sixthHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously).Task;
        Task HoldFromTheSixthChunk(string name, CancellationToken ct)
        {
            if (!name.Contains("/chunks/", StringComparison.Ordinal) || !name.EndsWith(".eqc", StringComparison.Ordinal) || Interlocked.Increment(ref chunkWrites) <= 5)
                return Task.CompletedTask;
            sixthHeld.TrySetResult();
            return never.WaitAsync(ct);
        }
        using (var host = new LocalHostFactory(backend, shared, folder, RecordingBlobStore.Install(d => (first = d).Hold = HoldFromTheSixthChunk)))
        {
            CopySettings(host, shared);
            key = await host.CreateKeyAsync("crash");
            var client = host.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            var (_, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/backtests", ApiClient.GoogRequest(chunks: chunks));
            id = (string)body!["backtest_id"]!;
            await sixthHeld.Task.WaitAsync(TimeSpan.FromSeconds(60));
        } // disposing the host stops the runner mid-job: the journal keeps the finished chunks

        Assert.Equal(6, first!.ChunkWrites); // five landed, the sixth was held and cancelled by the stop
        RecordingBlobStore? second = null;
        using (var host = new LocalHostFactory(backend, shared, folder, RecordingBlobStore.Install(d => second = d)))
        {
            var client = host.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            var run = await client.WaitForTerminalAsync(id);
            Assert.Equal("completed", (string)run["status"]!);
            var metrics = (await client.GetJsonAsync($"/api/backtests/{id}/results"))["metrics"]!;
            // identical to an uninterrupted run (DESIGN.md section 6)
            Assert.Equal(63341.19136, (double)metrics["final_capital"]!, 1e-5);
            Assert.Equal(46, (int)metrics["total_trades"]!);
            Assert.Equal(5908.84864, (double)metrics["total_fees"]!, 1e-6);
            Assert.True(second!.ChunkWrites < chunks, $"the second host re-ran all {chunks} chunks instead of replaying the journal");
            Assert.True(first.ChunkWrites + second.ChunkWrites >= chunks, "some chunk was never simulated");
        }
        Directory.Delete(folder, recursive: true);
    }

    private static void CopySettings(LocalHostFactory host, Dictionary<string, string?> shared)
    {
        // the second host must point at the same PostgreSQL database and blob container
        var configuration = host.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        foreach (string name in new[] { "Storage:Provider", "Storage:PostgresConnectionString", "Storage:BlobProvider", "Storage:BlobConnectionString", "Storage:BlobContainer" })
            if (configuration[name] is { } value) shared[name] = value;
    }
}
