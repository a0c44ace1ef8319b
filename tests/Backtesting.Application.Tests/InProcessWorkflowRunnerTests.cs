using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Telemetry;
using Backtesting.Application.Workflows;
using Backtesting.Application.Workflows.Local;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Backtesting.Application.Tests;

/// <summary>
/// Waiting for a job, and stopping the runner while a job runs. The host stops it and the container disposes it right before the
/// stores' data sources; with minimal hosting two stops even run at once (the test host's and the
/// application's own Run()). No stop may return while a job still runs, or the data source is disposed
/// under it (the ObjectDisposedException 'Npgsql.PoolingDataSource' of issue 16).
/// </summary>
public sealed class InProcessWorkflowRunnerTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly Mock<IRunStore> _runs = new();
    private readonly BacktestingMetrics _metrics = new();
    private readonly GatedActivity _activity = new();

    public void Dispose() => _metrics.Dispose();

    private InProcessWorkflowRunner Runner() => new(
        new WorkflowCatalog([new GatedWorkflow(), new CrashingWorkflow()], [_activity]), new WorkflowRoutes(), Mock.Of<IJobJournal>(), _runs.Object,
        Options.Create(new BacktestingLimits { MaxParallelJobs = 1 }), NullLogger<InProcessWorkflowRunner>.Instance, _metrics, TimeProvider.System);

    [Fact]
    public async Task DisposeAsync_SecondCallWhileTheFirstStops_WaitsForTheRunningJob()
    {
        var runner = Runner();
        await runner.StartAsync(nameof(GatedWorkflow), "job-1", new { });
        await _activity.Started.Task.WaitAsync(Deadline);

        var first = runner.DisposeAsync().AsTask();
        await _activity.Cancelled.Task.WaitAsync(Deadline); // the job saw the stop and is still finishing
        var second = runner.DisposeAsync().AsTask();

        Assert.False(second.IsCompleted, "a second stop returned while a job was still running");
        Assert.False(first.IsCompleted);
        _activity.Release.SetResult();
        await Task.WhenAll(first, second).WaitAsync(Deadline);
        Assert.True(_activity.Finished, "the job was abandoned instead of awaited");
    }

    [Fact]
    public async Task DisposeAsync_JobThrowsANonCancellationErrorWhileStopping_LeavesTheRunToResume()
    {
        var runner = Runner();
        await runner.StartAsync(nameof(GatedWorkflow), "job-1", new { });
        await _activity.Started.Task.WaitAsync(Deadline);

        var stop = runner.DisposeAsync().AsTask();
        await _activity.Cancelled.Task.WaitAsync(Deadline);
        _activity.Release.SetResult(); // then the activity throws an IOException, as an interrupted connection may
        await stop.WaitAsync(Deadline);

        // stopped, not crashed: the run keeps its status and journal, and the next start resumes it
        _runs.Verify(r => r.TryTransitionAsync(It.IsAny<string>(), It.IsAny<IReadOnlyCollection<string>>(), RunStatus.Failed, It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.False(runner.IsActive("job-1"));
    }

    [Fact]
    public async Task Crash_StoreCannotMarkTheRunFailed_TheWorkerRunsTheNextJob()
    {
        _runs.Setup(r => r.TryTransitionAsync(It.IsAny<string>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ObjectDisposedException("Npgsql.PoolingDataSource"));
        await using var runner = Runner(); // one worker: the second job runs only if the first crash did not kill it

        await runner.StartAsync(nameof(CrashingWorkflow), "job-1", new { });
        await runner.StartAsync(nameof(GatedWorkflow), "job-2", new { });

        await _activity.Started.Task.WaitAsync(Deadline);
        _runs.Verify(r => r.TryTransitionAsync("job-1", It.IsAny<IReadOnlyCollection<string>>(), RunStatus.Failed, It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Once);
        _activity.Release.SetResult();
    }

    [Fact]
    public async Task WhenIdleAsync_CompletesWhenTheJobEnds_AtOnceForAnIdNotHere()
    {
        await using var runner = Runner();
        Assert.True(runner.WhenIdleAsync("nothing").IsCompleted);

        await runner.StartAsync(nameof(GatedWorkflow), "job-1", new { });
        var idle = runner.WhenIdleAsync("job-1");
        await _activity.Started.Task.WaitAsync(Deadline);

        Assert.False(idle.IsCompleted, "idle while the job runs");
        _activity.Release.SetResult();
        await idle.WaitAsync(Deadline);
        Assert.True(_activity.Finished);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_WorkflowNobodyRegistered_IsRefusedNamingItAndTheRegisteredOnes_NothingQueued(bool isNew)
    {
        await using var runner = Runner();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => isNew
            ? runner.StartNewAsync("GatedWorkfow", "job-1", new { })
            : runner.StartAsync("GatedWorkfow", "job-1", new { }));

        Assert.Contains("'GatedWorkfow'", ex.Message);
        Assert.Contains("the registered workflows are CrashingWorkflow, GatedWorkflow", ex.Message);
        Assert.Equal("workflowName", ex.ParamName);
        // nothing queued or held for the refused start: the id is free, and the right name starts it
        Assert.False(runner.IsActive("job-1"));
        Assert.True(runner.WhenIdleAsync("job-1").IsCompleted);
        await runner.StartAsync(nameof(GatedWorkflow), "job-1", new { });
        await _activity.Started.Task.WaitAsync(Deadline);
        _activity.Release.SetResult();
        await runner.WhenIdleAsync("job-1").WaitAsync(Deadline);
    }

    private sealed class GatedWorkflow : IWorkflow
    {
        public string Name => nameof(GatedWorkflow);

        public async Task<object?> RunAsync(IWorkflowContext context) => await context.CallActivityAsync<bool>(nameof(GatedActivity), null);
    }

    private sealed class CrashingWorkflow : IWorkflow
    {
        public string Name => nameof(CrashingWorkflow);

        public Task<object?> RunAsync(IWorkflowContext context) => throw new InvalidOperationException("a bug outside any activity");
    }

    private sealed record GateInput;

    /// <summary>Runs until cancelled, then holds the stop until released, then fails as an interrupted connection does.</summary>
    private sealed class GatedActivity : Activity<GateInput?, bool>
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Finished { get; private set; }

        public override async Task<bool> RunAsync(GateInput? input, CancellationToken ct)
        {
            Started.TrySetResult();
            var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (ct.Register(() => cancelled.TrySetResult()))
                await Task.WhenAny(cancelled.Task, Release.Task);
            if (ct.IsCancellationRequested) Cancelled.TrySetResult();
            await Release.Task;
            Finished = true;
            if (ct.IsCancellationRequested) throw new IOException("the connection was closed while the job stopped");
            return true;
        }
    }
}
