using System.Collections.Concurrent;
using System.Threading.Channels;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Workflows.Local;

/// <summary>
/// Runs workflows inside the process: a bounded queue, a fixed number of job workers, activities
/// in parallel up to the core count (or <see cref="BacktestingLimits.MaxParallelActivities"/>), every completed activity journaled. Stopping it abandons
/// running jobs without losing them: a new runner on the same store replays the journal and
/// finishes them (see <see cref="UnfinishedRunResumer"/>).
/// </summary>
public sealed class InProcessWorkflowRunner : IWorkflowStarter, ILocalRuns, IAsyncDisposable
{
    private readonly WorkflowCatalog _catalog;
    private readonly IJobJournal _journal;
    private readonly IRunStore _runs;
    private readonly WorkflowRoutes _routes;
    private readonly ILogger<InProcessWorkflowRunner> _logger;
    private readonly BacktestingMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly Channel<QueuedJob> _queue = Channel.CreateBounded<QueuedJob>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _jobs = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _idle = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _activitySlots;
    private readonly int _workerCount;
    private readonly object _startLock = new();
    private readonly Lazy<Task> _stop;
    private Task[] _workers = [];
    private int _disposed;

    // IsNew: started by StartNewAsync, no journal to load
    private sealed record QueuedJob(string WorkflowName, string InstanceId, string InputJson, bool IsNew);

    public InProcessWorkflowRunner(WorkflowCatalog catalog, WorkflowRoutes routes, IJobJournal journal, IRunStore runs, IOptions<BacktestingLimits> limits,
        ILogger<InProcessWorkflowRunner> logger, BacktestingMetrics metrics, TimeProvider time)
    {
        _runs = runs;
        _routes = routes;
        _catalog = catalog;
        _journal = journal;
        _logger = logger;
        _metrics = metrics;
        _time = time;
        _activitySlots = new SemaphoreSlim(limits.Value.MaxParallelActivities > 0 ? limits.Value.MaxParallelActivities : Environment.ProcessorCount);
        _workerCount = limits.Value.MaxParallelJobs > 0 ? limits.Value.MaxParallelJobs : Math.Max(2, Environment.ProcessorCount);
        _stop = new Lazy<Task>(StopWorkersAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Starts the job workers (idempotent).</summary>
    public void Start()
    {
        lock (_startLock)
        {
            if (_workers.Length > 0) return;
            _workers = Enumerable.Range(0, _workerCount).Select(_ => Task.Run(WorkAsync)).ToArray();
        }
    }

    public Task StartAsync(string workflowName, string instanceId, object input, CancellationToken ct = default) =>
        EnqueueAsync(workflowName, instanceId, input, isNew: false, ct);

    public Task StartNewAsync(string workflowName, string instanceId, object input, CancellationToken ct = default) =>
        EnqueueAsync(workflowName, instanceId, input, isNew: true, ct);

    private async Task EnqueueAsync(string workflowName, string instanceId, object input, bool isNew, CancellationToken ct)
    {
        // refused before anything is queued: nothing waits for a job that cannot run
        _catalog.EnsureRegistered(workflowName);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var cts = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        if (!_jobs.TryAdd(instanceId, cts))
        {
            cts.Dispose();
            return; // already queued or running: starts are idempotent
        }
        _idle[instanceId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _metrics.Queued(1);
        await _queue.Writer.WriteAsync(new QueuedJob(workflowName, instanceId, WorkflowJson.Serialize(input), isNew), ct).ConfigureAwait(false);
        Start();
    }

    public Task CancelAsync(string instanceId, CancellationToken ct = default)
    {
        if (_jobs.TryGetValue(instanceId, out var cts)) cts.Cancel();
        return Task.CompletedTask;
    }

    /// <summary>True while the instance is queued or running here.</summary>
    public bool IsActive(string instanceId) => _jobs.ContainsKey(instanceId);

    /// <summary>Completes once the instance is neither queued nor running here (at once when it is not).</summary>
    public Task WhenIdleAsync(string instanceId) => _idle.TryGetValue(instanceId, out var idle) ? idle.Task : Task.CompletedTask;

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                _metrics.Queued(-1);
                if (!_jobs.TryGetValue(job.InstanceId, out var cts)) continue;
                _metrics.Active(1);
                try
                {
                    if (!cts.IsCancellationRequested)
                        await RunJobAsync(job, cts.Token).ConfigureAwait(false);
                }
                finally
                {
                    _metrics.Active(-1);
                    // idle first: a new start of the same id (possible once it leaves _jobs) registers its own
                    if (_idle.TryRemove(job.InstanceId, out var idle)) idle.TrySetResult();
                    _jobs.TryRemove(job.InstanceId, out _);
                    cts.Dispose();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RunJobAsync(QueuedJob job, CancellationToken ct)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["RunId"] = job.InstanceId, ["Workflow"] = job.WorkflowName });
        JournaledWorkflowContext? context = null;
        try
        {
            // the journal belongs to runs (a job kind's workflow: its instance id is the stored run's id, decided without reading
            // the run, issue 17); other instances (schedule slots, which the timer re-triggers) journal in memory
            IJobJournal journal = _routes.RunsJobs(job.WorkflowName) ? _journal : new InMemoryJobJournal();
            context = await JournaledWorkflowContext.CreateAsync(job.InstanceId, job.InputJson, journal, job.IsNew, _catalog, _activitySlots, _time, _logger, ct).ConfigureAwait(false);
            if (context.IsReplaying) _logger.LogInformation("Resuming {Workflow} {RunId} from its journal", job.WorkflowName, job.InstanceId);
            await _catalog.GetWorkflow(job.WorkflowName).RunAsync(context).ConfigureAwait(false);
            // the last result the context kept unwritten is not needed: the whole journal goes
            await journal.ClearAsync(job.InstanceId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ct.IsCancellationRequested)
        {
            // stopped or cancelled, whatever the interrupted call threw (a cancelled I/O call may throw more than
            // OperationCanceledException): the journal keeps completed activities for a later resume, the last one included
            _logger.LogInformation("Workflow {Workflow} {RunId} stopped ({Reason})", job.WorkflowName, job.InstanceId, ex.GetType().Name);
            await FlushStoppedAsync(context, job).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // a bug outside any activity: fail the run rather than leave it running for ever
            string error = FailureMessages.ForClient(ex, _logger, $"Workflow {job.WorkflowName} {job.InstanceId}");
            try
            {
                await _runs.TryTransitionAsync(job.InstanceId, [RunStatus.Pending, RunStatus.Running], RunStatus.Failed, error, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception storeFailure)
            {
                // the worker must survive for the next job; the run stays unfinished and is resumed at the next start
                _logger.LogError(storeFailure, "Could not mark {RunId} failed", job.InstanceId);
            }
        }
    }

    private async Task FlushStoppedAsync(JournaledWorkflowContext? context, QueuedJob job)
    {
        if (context is null) return;
        try
        {
            await context.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // a resume re-runs the activity whose result this was: allowed, only slower
            _logger.LogWarning(ex, "Could not journal the last result of {Workflow} {RunId} while stopping", job.WorkflowName, job.InstanceId);
        }
    }

    /// <summary>
    /// Stops accepting work, cancels running jobs (their journals stay) and waits for the workers. Every call,
    /// concurrent or later, waits for the same stop: the host stops the runner, and the container disposes it
    /// just before the stores it uses (their data sources); with minimal hosting the test host and the
    /// application's own Run() stop the host at the same time, and a call that returned early let the
    /// container dispose the database under a running job.
    /// </summary>
    public ValueTask DisposeAsync() => new(_stop.Value);

    private async Task StopWorkersAsync()
    {
        Volatile.Write(ref _disposed, 1);
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        // jobs still queued never run here
        foreach (var id in _idle.Keys)
            if (_idle.TryRemove(id, out var idle)) idle.TrySetResult();
        _stopping.Dispose();
    }
}
