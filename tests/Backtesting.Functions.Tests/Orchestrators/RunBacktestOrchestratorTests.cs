using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Json;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;
using Backtesting.Engine.Simulation;
using Backtesting.Functions.Durable;
using Backtesting.Functions.Orchestrators;
using Backtesting.Functions.Tests.Support;
using Microsoft.Extensions.Options;

namespace Backtesting.Functions.Tests.Orchestrators;

public sealed class RunBacktestOrchestratorTests
{
    private static readonly BacktestJob Job = new()
    {
        RunId = "bt-0123456789abcdef0123",
        UserId = "user-1",
        StrategyId = "sma_crossover",
        Parameters = new() { ["fast_period"] = JsonSerializer.SerializeToElement(10), ["slow_period"] = JsonSerializer.SerializeToElement(20) },
        AssetSymbol = "GOOG",
        Timeframe = "1d",
        InitialCapital = 10_000,
    };

    private static RunBacktestOrchestrator Orchestrator(DurableOptions? options = null) =>
        new(new WorkflowOrchestration(new WorkflowCatalog([new BacktestWorkflow()], []), Options.Create(options ?? new DurableOptions())));

    /// <summary>Answers like the real activities would for a run of <paramref name="chunks"/> chunks over 300 bars.</summary>
    private static Func<string, string, Task<string>> Activities(int chunks, Func<int, Exception?>? chunkFailure = null) => (name, input) =>
    {
        object? output = name switch
        {
            nameof(PrepareBacktestActivity) => BacktestPlan.Create(300, chunks),
            nameof(SimulateChunkActivity) => Chunk(WorkflowJson.Deserialize<ChunkInput>(input), chunkFailure),
            nameof(FinalizeBacktestActivity) => new RunOutcome(Job.RunId, RunStatus.Completed, 12_345.67, 7),
            nameof(FailRunActivity) => true,
            _ => throw new InvalidOperationException("unexpected activity " + name),
        };
        return Task.FromResult(WorkflowJson.Serialize(output));
    };

    private static ChunkOutcome Chunk(ChunkInput input, Func<int, Exception?>? failure)
    {
        if (failure?.Invoke(input.ChunkIndex) is { } ex) throw ex;
        var state = input.State with { NextBar = input.ToBar, ClosedTrades = input.State.ClosedTrades + 1 };
        return new ChunkOutcome(state, Math.Round(100.0 * input.ToBar / input.BarCount, 2), new DateTime(2020, 1, 1).AddDays(input.ToBar), state.ClosedTrades);
    }

    [Fact]
    public async Task RunAsync_ThreeChunks_CallsTheApplicationActivitiesInOrderByName()
    {
        var fake = new FakeOrchestration(Job.RunId, WorkflowJson.Serialize(Job), Activities(3));

        string output = await Orchestrator().RunAsync(fake.Context.Object);

        Assert.Equal(
            [nameof(PrepareBacktestActivity), nameof(SimulateChunkActivity), nameof(SimulateChunkActivity), nameof(SimulateChunkActivity), nameof(FinalizeBacktestActivity)],
            fake.ActivityNames);
        var outcome = WorkflowJson.Deserialize<RunOutcome>(output);
        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Equal(12_345.67, outcome.FinalCapital);
    }

    [Fact]
    public async Task RunAsync_ChunkInputs_CarryTheStateForwardAsWorkflowJson()
    {
        var fake = new FakeOrchestration(Job.RunId, WorkflowJson.Serialize(Job), Activities(3));

        await Orchestrator().RunAsync(fake.Context.Object);

        var chunks = fake.ActivityCalls.Where(c => c.Name == nameof(SimulateChunkActivity)).Select(c => WorkflowJson.Deserialize<ChunkInput>(c.Input)).ToArray();
        Assert.Equal([0, 1, 2], chunks.Select(c => c.ChunkIndex));
        Assert.Equal([0, 100, 200], chunks.Select(c => c.FromBar));
        Assert.Equal([0, 100, 200], chunks.Select(c => c.State.NextBar));
        Assert.Contains("\"run_id\":\"bt-0123456789abcdef0123\"", fake.ActivityCalls[0].Input); // snake_case, as the local runner writes
    }

    [Fact]
    public async Task RunAsync_EveryPayload_IsSmallBecauseBarsAndCurvesStayInBlobs()
    {
        var fake = new FakeOrchestration(Job.RunId, WorkflowJson.Serialize(Job), Activities(50));

        await Orchestrator().RunAsync(fake.Context.Object);

        // 50 chunks of a 300-bar run: what crosses Durable is job, plan, state and progress, never equity or trades
        Assert.All(fake.ActivityCalls, c => Assert.True(c.Input.Length < 4096, $"{c.Name} input is {c.Input.Length} chars"));
        Assert.DoesNotContain(fake.ActivityCalls, c => c.Input.Contains("equity", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task RunAsync_AfterEachChunk_PublishesProgressAsCustomStatus()
    {
        var fake = new FakeOrchestration(Job.RunId, WorkflowJson.Serialize(Job), Activities(4));

        await Orchestrator().RunAsync(fake.Context.Object);

        var progress = fake.CustomStatuses.Cast<JsonObject>().Select(s => s["progress"]!.GetValue<double>()).ToArray();
        Assert.Equal([25.0, 50.0, 75.0, 100.0], progress);
        Assert.Equal(4, fake.CustomStatuses.Cast<JsonObject>().Last()["trades_executed"]!.GetValue<int>());
    }

    [Fact]
    public async Task RunAsync_ActivitiesGetTheRetryPolicy()
    {
        var fake = new FakeOrchestration(Job.RunId, WorkflowJson.Serialize(Job), Activities(2));

        await Orchestrator(new DurableOptions { ActivityMaxAttempts = 4 }).RunAsync(fake.Context.Object);

        Assert.All(fake.ActivityCalls, c => Assert.Equal(4, c.Options?.Retry?.Policy?.MaxNumberOfAttempts));
    }

    [Fact]
    public async Task RunAsync_ChunkFailsAfterRetries_MarksTheRunFailedLikeTheLocalRunner()
    {
        var fake = new FakeOrchestration(Job.RunId, WorkflowJson.Serialize(Job), Activities(3, k => k == 1
            ? FakeOrchestration.Failure(nameof(SimulateChunkActivity), "the bars of GOOG changed while the run was in progress")
            : null));

        string output = await Orchestrator().RunAsync(fake.Context.Object);

        var outcome = WorkflowJson.Deserialize<RunOutcome>(output);
        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.Equal("the bars of GOOG changed while the run was in progress", outcome.Error);
        var fail = WorkflowJson.Deserialize<FailRunInput>(fake.ActivityCalls.Last().Input);
        Assert.Equal(nameof(FailRunActivity), fake.ActivityCalls.Last().Name);
        Assert.Equal(new FailRunInput(Job.RunId, Job.UserId, "the bars of GOOG changed while the run was in progress"), fail);
    }

    [Fact]
    public async Task RunAsync_RunCancelledBeforeStart_StopsWithoutSimulating()
    {
        var fake = new FakeOrchestration(Job.RunId, WorkflowJson.Serialize(Job), (name, _) =>
            Task.FromResult(WorkflowJson.Serialize(new BacktestPlan(0, [], Cancelled: true))));

        string output = await Orchestrator().RunAsync(fake.Context.Object);

        Assert.Equal([nameof(PrepareBacktestActivity)], fake.ActivityNames);
        Assert.Equal(RunStatus.Cancelled, WorkflowJson.Deserialize<RunOutcome>(output).Status);
    }
}
