using Backtesting.Application.Backtests;
using Backtesting.Application.Json;
using Backtesting.Application.Runs;
using Backtesting.Functions.Durable;
using Backtesting.Functions.Http;
using Backtesting.Functions.Tests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Functions.Tests.Replay;

/// <summary>
/// What goes wrong, on the real Durable engine: a deterministic failure fails the run without retrying, a
/// transient one is retried by the production retry policy and the run still reaches the reference, and a
/// cancel terminates the instance while an activity is mid-chunk. Faults come from the blob store port.
/// </summary>
[Collection(DurableReplayCollection.Name)]
public sealed class FailureReplayTests(DurableReplayFixture durable) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private BacktestHttpFunctions Functions() => new(durable.App.Services.GetRequiredService<DurableClientScope>());

    public void Dispose()
    {
        durable.Blobs.BeforePut = null;
        durable.Blobs.AfterDelete = null;
    }

    private static bool IsChunkEquity(string name, int chunk) => name.EndsWith($"/chunks/{chunk:D5}.eqc", StringComparison.Ordinal);

    private async Task<string> SubmitAsync(int chunks) =>
        (string)(await durable.SubmitAsync("/api/backtests", BacktestReplayTests.GoogSma(chunks), Functions().SubmitAsync))["backtest_id"]!;

    private async Task<System.Text.Json.Nodes.JsonNode> RunAsync(string runId)
    {
        var request = durable.App.Request("GET", $"/api/backtests/{runId}");
        var (status, run, _) = await FunctionsAppFixture.ExecuteAsync(request, await Functions().GetAsync(request, runId));
        Assert.Equal(200, status);
        return run!;
    }

    [Fact]
    public async Task ActivityFailingForGood_FailsTheRunAtOnce()
    {
        int attempts = 0;
        durable.Blobs.BeforePut = name =>
        {
            if (IsChunkEquity(name, 2))
            {
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("blob container is read-only"); // not transient: no retry
            }
            return Task.CompletedTask;
        };

        string runId = await SubmitAsync(4);
        var done = await durable.CompletedAsync(runId);

        // the workflow catches the failure, records it on the run and ends normally
        var outcome = WorkflowJson.Deserialize<RunOutcome>(done.ReadOutputAs<string>()!);
        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.Equal(1, attempts);
        var run = await RunAsync(runId);
        Assert.Equal("failed", (string)run["status"]!);
        Assert.Contains("blob container is read-only", (string)run["error"]!);
    }

    [Fact]
    public async Task TransientActivityFailure_IsRetriedByThePolicyAndTheRunReachesTheReference()
    {
        int attempts = 0;
        durable.Blobs.BeforePut = name =>
        {
            if (IsChunkEquity(name, 1) && Interlocked.Increment(ref attempts) == 1)
                throw new IOException("blob service busy"); // transient: retried after ActivityFirstRetryInterval
            return Task.CompletedTask;
        };

        string runId = await SubmitAsync(4);
        await durable.CompletedAsync(runId);

        Assert.Equal(2, attempts);
        var request = durable.App.Request("GET", $"/api/backtests/{runId}/results");
        var (_, results, _) = await FunctionsAppFixture.ExecuteAsync(request, await Functions().ResultsAsync(request, runId));
        Assert.Equal("completed", (string)results!["status"]!);
        Assert.Equal(63341.19136, (double)results["metrics"]!["final_capital"]!, 1e-5);
        Assert.Equal(46, (int)results["metrics"]!["total_trades"]!);
    }

    [Fact]
    public async Task Cancel_WhileAChunkRuns_TerminatesTheInstanceAndTheChunkCleansUp()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cleaned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int laterChunks = 0;
        durable.Blobs.BeforePut = async name =>
        {
            if (IsChunkEquity(name, 0))
            {
                entered.TrySetResult();
                await release.Task;
            }
            else if (name.Contains("/chunks/", StringComparison.Ordinal) && name.EndsWith(".eqc", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref laterChunks);
            }
        };
        durable.Blobs.AfterDelete = name =>
        {
            if (name.EndsWith("/chunks/00000.trades.json", StringComparison.Ordinal)) cleaned.TrySetResult();
        };

        string runId = await SubmitAsync(7);
        await entered.Task.WaitAsync(Patience);
        var cancel = durable.App.Request("DELETE", $"/api/backtests/{runId}");
        var (status, body, _) = await FunctionsAppFixture.ExecuteAsync(cancel, await Functions().CancelAsync(cancel, runId, durable.Client));
        var done = await durable.CompletionAsync(runId);
        release.SetResult();
        await cleaned.Task.WaitAsync(Patience);

        Assert.Equal(200, status);
        Assert.Equal("cancelled", (string)body!["status"]!);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("cancelled", (string)(await RunAsync(runId))["status"]!);
        Assert.Equal(0, laterChunks);
        Assert.Null(await durable.Blobs.GetAsync(RunBlobNames.ChunkEquity(runId, 0)));
    }
}
