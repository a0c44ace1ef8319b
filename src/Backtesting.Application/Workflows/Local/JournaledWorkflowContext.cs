using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Microsoft.Extensions.Logging;

namespace Backtesting.Application.Workflows.Local;

/// <summary>
/// Runs a workflow in process the way Durable Functions would: every activity call gets a sequence
/// number in call order; a result already in the journal is replayed instead of re-run; new
/// results are journaled as they complete. Inputs and outputs go through JSON exactly as on Azure.
/// </summary>
/// <remarks>
/// A root workflow writes its journal in fewer round trips (issue 17) without journaling less of what a resume needs:
/// the start time is written with the first result (a run stopped before any result resumes from scratch, so it may
/// take a new one), and a result that completes while no other call is in flight is written when the workflow makes its
/// next call, before that call starts (one transaction for both), or, when the workflow is stopped, on the way out; a
/// workflow that returns instead never writes it, since its journal is cleared at once. Between a result and that next
/// call the workflow only computes (no I/O): a crash there re-runs one finished activity, which activities allow (they are
/// retried on Azure too). Results completing while others are in flight (fan-outs) are written as they complete.
/// </remarks>
internal sealed class JournaledWorkflowContext : IWorkflowContext
{
    private const string StartedKey = "000000:__started_at";
    private readonly string _journalId;
    private readonly string _keyPrefix;
    private readonly string _inputJson;
    private readonly IJobJournal _journal;
    private readonly WorkflowCatalog _catalog;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationToken _ct;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, string> _history;
    private readonly bool _defersWrites;
    private readonly List<KeyValuePair<string, string>> _unwritten = []; // results not journaled yet
    private KeyValuePair<string, string>? _unwrittenStart; // written with the first result
    private Task _lastWrite = Task.CompletedTask;
    private int _sequence;
    private int _inFlight;

    private JournaledWorkflowContext(string instanceId, string journalId, string keyPrefix, string inputJson, IJobJournal journal, WorkflowCatalog catalog,
        SemaphoreSlim slots, IReadOnlyDictionary<string, string> history, DateTime started, ILogger logger, CancellationToken ct,
        KeyValuePair<string, string>? unwrittenStart)
    {
        _logger = logger;
        InstanceId = instanceId;
        _journalId = journalId;
        _keyPrefix = keyPrefix;
        _inputJson = inputJson;
        _journal = journal;
        _catalog = catalog;
        _slots = slots;
        _ct = ct;
        _history = new ConcurrentDictionary<string, string>(history);
        CurrentUtcDateTime = started;
        IsReplaying = history.Count > 1;
        _defersWrites = keyPrefix.Length == 0; // child workflows write each result as it completes
        _unwrittenStart = unwrittenStart;
    }

    public string InstanceId { get; }
    public DateTime CurrentUtcDateTime { get; }
    public bool IsReplaying { get; private set; }

    /// <summary>Latest custom status set by the workflow.</summary>
    public object? CustomStatus { get; private set; }

    /// <summary>
    /// A root workflow: its journal is the run's (instance id = run id). <paramref name="isNew"/>: an instance never started
    /// before, whose journal is empty without reading it.
    /// </summary>
    public static Task<JournaledWorkflowContext> CreateAsync(string instanceId, string inputJson, IJobJournal journal, bool isNew,
        WorkflowCatalog catalog, SemaphoreSlim slots, TimeProvider time, ILogger logger, CancellationToken ct) =>
        CreateAsync(instanceId, instanceId, "", inputJson, journal, isNew, catalog, slots, time, logger, ct);

    // Child workflows journal under the root run with a key prefix, so every entry belongs to a stored run.
    private static async Task<JournaledWorkflowContext> CreateAsync(string instanceId, string journalId, string keyPrefix, string inputJson,
        IJobJournal journal, bool isNew, WorkflowCatalog catalog, SemaphoreSlim slots, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var all = isNew ? ImmutableDictionary<string, string>.Empty : await journal.LoadAsync(journalId, ct).ConfigureAwait(false);
        var history = all.Where(kv => kv.Key.StartsWith(keyPrefix, StringComparison.Ordinal) && kv.Key.IndexOf('/', keyPrefix.Length) < 0)
            .ToDictionary(kv => kv.Key[keyPrefix.Length..], kv => kv.Value);
        DateTime started;
        KeyValuePair<string, string>? unwrittenStart = null;
        if (history.TryGetValue(StartedKey, out var stamp))
        {
            started = DateTime.Parse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }
        else
        {
            started = time.GetUtcNow().UtcDateTime;
            var entry = KeyValuePair.Create(keyPrefix + StartedKey, started.ToString("O", CultureInfo.InvariantCulture));
            if (keyPrefix.Length == 0)
                unwrittenStart = entry; // a root: written with its first result
            else
                await journal.RecordAsync(journalId, entry.Key, entry.Value, ct).ConfigureAwait(false);
        }
        return new JournaledWorkflowContext(instanceId, journalId, keyPrefix, inputJson, journal, catalog, slots, history, started, logger, ct, unwrittenStart);
    }

    public T GetInput<T>() => WorkflowJson.Deserialize<T>(_inputJson);

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input) =>
        CallAsync<TResult>(NextKey(name), input, inputJson => RunInSlotAsync(_catalog.GetActivity(name), name, inputJson));

    public Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input, string instanceId) =>
        CallAsync<TResult>(NextKey("sub:" + name), input, inputJson => RunChildAsync(name, inputJson, instanceId));

    public void SetCustomStatus(object? status) => CustomStatus = status;

    private string NextKey(string name) => $"{Interlocked.Increment(ref _sequence):D6}:{name}";

    /// <summary>
    /// Writes what this workflow has not journaled yet (see the remarks): before each new call, and when it is stopped.
    /// Writes follow one another: a flush also waits for the one before it, so nothing new starts before it is journaled.
    /// </summary>
    public Task FlushAsync(CancellationToken ct)
    {
        lock (_unwritten)
        {
            if (_unwritten.Count == 0) return _lastWrite;
            KeyValuePair<string, string>[] entries = _unwrittenStart is { } start ? [start, .. _unwritten] : [.. _unwritten];
            _unwrittenStart = null;
            _unwritten.Clear();
            return _lastWrite = WriteAfterAsync(_lastWrite, entries, ct);
        }
    }

    private async Task WriteAfterAsync(Task previous, KeyValuePair<string, string>[] entries, CancellationToken ct)
    {
        try
        {
            await previous.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // reported to the call that made that write; these entries are written all the same
        }
        await _journal.RecordAsync(_journalId, entries, ct).ConfigureAwait(false);
    }

    // a result: kept for the next call's flush when nothing else is in flight, else written now with whatever is kept
    private async Task JournalAsync(string key, string outputJson)
    {
        lock (_unwritten)
        {
            _unwritten.Add(KeyValuePair.Create(_keyPrefix + key, outputJson));
            if (Interlocked.Decrement(ref _inFlight) == 0 && _defersWrites) return;
        }
        await FlushAsync(_ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A call: its result replayed from the journal when it is there; else run (the input serialised now, at the call),
    /// after what this workflow has not journaled yet is written, and its result journaled (see the remarks).
    /// </summary>
    private Task<TResult> CallAsync<TResult>(string key, object? input, Func<string, Task<object?>> run)
    {
        if (_history.TryGetValue(key, out var recorded))
            return Task.FromResult(WorkflowJson.Deserialize<TResult>(recorded));
        IsReplaying = false;
        return RunJournaledAsync<TResult>(key, WorkflowJson.Serialize(input), run);
    }

    private async Task<TResult> RunJournaledAsync<TResult>(string key, string inputJson, Func<string, Task<object?>> run)
    {
        await FlushAsync(_ct).ConfigureAwait(false);
        Interlocked.Increment(ref _inFlight);
        string outputJson;
        try
        {
            outputJson = WorkflowJson.Serialize(await run(inputJson).ConfigureAwait(false));
        }
        catch
        {
            Interlocked.Decrement(ref _inFlight);
            throw;
        }
        await JournalAsync(key, outputJson).ConfigureAwait(false);
        return WorkflowJson.Deserialize<TResult>(outputJson);
    }

    private async Task<object?> RunInSlotAsync(IActivity activity, string name, string inputJson)
    {
        await _slots.WaitAsync(_ct).ConfigureAwait(false);
        try
        {
            var input = WorkflowJson.Deserialize(inputJson, activity.InputType);
            return await activity.RunAsync(input, _ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // the workflow stores this message on the run, where its owner reads it
            throw new ActivityFailedException(name, FailureMessages.ForClient(ex, _logger, $"Activity {name} of {InstanceId}"), ex);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<object?> RunChildAsync(string name, string inputJson, string childId)
    {
        var child = await CreateAsync(childId, _journalId, $"{_keyPrefix}{childId}/", inputJson, _journal, isNew: false, _catalog, _slots, TimeProvider.System, _logger, _ct).ConfigureAwait(false);
        return await _catalog.GetWorkflow(name).RunAsync(child).ConfigureAwait(false);
    }
}
