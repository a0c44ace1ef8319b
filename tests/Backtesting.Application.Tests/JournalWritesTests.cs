using System.Collections.Concurrent;
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
/// Issue 17: how the in-process runner writes a run's journal. The start time goes with the first result, a result is
/// written before the next call starts (one transaction), the last result of a workflow that returns is never written
/// (the journal is cleared), and a result that completes while another call is in flight is written at once.
/// </summary>
public sealed class JournalWritesTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly RecordingJournal _journal = new();
    private readonly BacktestingMetrics _metrics = new();
    private readonly Mock<IRunStore> _runs = new();
    private readonly StepActivity _step;
    private readonly HeldActivity _held = new();

    public JournalWritesTests()
    {
        _step = new StepActivity(_journal);
    }

    public void Dispose() => _metrics.Dispose();

    // two activity slots whatever the core count: the fan-out test runs two calls side by side
    private InProcessWorkflowRunner Runner() => new(
        new WorkflowCatalog([new ThreeSteps(), new FanOut()], [_step, _held]),
        // job kinds' workflows: their instances are stored runs, journaled in the store (here the recording journal)
        new WorkflowRoutes().Map<object>(RunKind.Backtest, nameof(ThreeSteps)).Map<object>(RunKind.Optimization, nameof(FanOut)), _journal, _runs.Object,
        Options.Create(new BacktestingLimits { MaxParallelJobs = 1, MaxParallelActivities = 2 }), NullLogger<InProcessWorkflowRunner>.Instance, _metrics, TimeProvider.System);

    [Fact]
    public async Task ThreeCallsInARow_TwoWrites_EachBeforeTheNextCallStarts_TheLastNever()
    {
        await using var runner = Runner();

        await runner.StartAsync(nameof(ThreeSteps), "run-1", new { });
        await runner.WhenIdleAsync("run-1").WaitAsync(Deadline);

        Assert.Equal(
        [
            ["000000:__started_at", "000001:StepActivity"], // written as step 2 starts
            ["000002:StepActivity"], // as step 3 starts
            ["clear"], // step 3's result: never written
        ], _journal.Writes);
        // what each step found journaled when it started: everything before it
        Assert.Equal([[], ["000000:__started_at", "000001:StepActivity"], ["000000:__started_at", "000001:StepActivity", "000002:StepActivity"]], _step.JournaledAtStart);
    }

    [Fact]
    public async Task ResultCompletingWhileAnotherCallIsInFlight_IsWrittenAtOnce()
    {
        await using var runner = Runner();

        // the two calls run side by side in the runner's two activity slots (set above, so this holds on one core too)
        await runner.StartAsync(nameof(FanOut), "run-2", new { });
        // the step finished while the held activity still runs: its result is written without waiting for a next call
        await _journal.Written.Task.WaitAsync(Deadline);
        Assert.Equal([["000000:__started_at", "000002:StepActivity"]], _journal.Writes);
        _held.Release.SetResult();
        await runner.WhenIdleAsync("run-2").WaitAsync(Deadline);

        Assert.Equal(["clear"], _journal.Writes[^1]); // the held one completed last, alone: never written
        Assert.Equal(2, _journal.Writes.Count);
    }

    private sealed class ThreeSteps : IWorkflow
    {
        public string Name => nameof(ThreeSteps);

        public async Task<object?> RunAsync(IWorkflowContext context)
        {
            int sum = 0;
            for (int i = 1; i <= 3; i++)
                sum += await context.CallActivityAsync<int>(nameof(StepActivity), i);
            return sum;
        }
    }

    private sealed class FanOut : IWorkflow
    {
        public string Name => nameof(FanOut);

        public async Task<object?> RunAsync(IWorkflowContext context)
        {
            var held = context.CallActivityAsync<int>(nameof(HeldActivity), 0);
            var step = context.CallActivityAsync<int>(nameof(StepActivity), 1);
            return (await held) + (await step);
        }
    }

    /// <summary>Returns its input times ten, noting which journal entries were written when it started.</summary>
    private sealed class StepActivity(RecordingJournal journal) : Activity<int, int>
    {
        public ConcurrentQueue<string[]> Started { get; } = new();

        public string[][] JournaledAtStart => [.. Started];

        public override Task<int> RunAsync(int input, CancellationToken ct)
        {
            Started.Enqueue(journal.Keys());
            return Task.FromResult(input * 10);
        }
    }

    private sealed class HeldActivity : Activity<int, int>
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task<int> RunAsync(int input, CancellationToken ct)
        {
            await Release.Task.WaitAsync(ct);
            return 1;
        }
    }

    /// <summary>Every write (a batch of keys, or "clear"), in order; <see cref="Written"/> completes at the first batch.</summary>
    private sealed class RecordingJournal : IJobJournal
    {
        private readonly List<string[]> _writes = [];
        private readonly SortedDictionary<string, string> _entries = new(StringComparer.Ordinal);

        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string[]> Writes
        {
            get
            {
                lock (_writes) return [.. _writes];
            }
        }

        public string[] Keys()
        {
            lock (_writes) return [.. _entries.Keys];
        }

        public Task RecordAsync(string runId, string key, string payload, CancellationToken ct = default) => RecordAsync(runId, [KeyValuePair.Create(key, payload)], ct);

        public Task RecordAsync(string runId, IReadOnlyList<KeyValuePair<string, string>> entries, CancellationToken ct = default)
        {
            lock (_writes)
            {
                _writes.Add(entries.Select(e => e.Key).ToArray());
                foreach (var (key, payload) in entries) _entries.TryAdd(key, payload);
            }
            Written.TrySetResult();
            return Task.CompletedTask;
        }

        public Task<IReadOnlyDictionary<string, string>> LoadAsync(string runId, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

        public Task ClearAsync(string runId, CancellationToken ct = default)
        {
            lock (_writes) _writes.Add(["clear"]);
            return Task.CompletedTask;
        }
    }
}
