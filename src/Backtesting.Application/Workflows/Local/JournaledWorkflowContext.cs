using System.Collections.Concurrent;
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
    private int _sequence;

    private JournaledWorkflowContext(string instanceId, string journalId, string keyPrefix, string inputJson, IJobJournal journal, WorkflowCatalog catalog,
        SemaphoreSlim slots, IReadOnlyDictionary<string, string> history, DateTime started, ILogger logger, CancellationToken ct)
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
    }

    public string InstanceId { get; }
    public DateTime CurrentUtcDateTime { get; }
    public bool IsReplaying { get; private set; }

    /// <summary>Latest custom status set by the workflow.</summary>
    public object? CustomStatus { get; private set; }

    /// <summary>A root workflow: its journal is the run's (instance id = run id).</summary>
    public static Task<JournaledWorkflowContext> CreateAsync(string instanceId, string inputJson, IJobJournal journal,
        WorkflowCatalog catalog, SemaphoreSlim slots, TimeProvider time, ILogger logger, CancellationToken ct) =>
        CreateAsync(instanceId, instanceId, "", inputJson, journal, catalog, slots, time, logger, ct);

    // Child workflows journal under the root run with a key prefix, so every entry belongs to a stored run.
    private static async Task<JournaledWorkflowContext> CreateAsync(string instanceId, string journalId, string keyPrefix, string inputJson,
        IJobJournal journal, WorkflowCatalog catalog, SemaphoreSlim slots, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var all = await journal.LoadAsync(journalId, ct).ConfigureAwait(false);
        var history = all.Where(kv => kv.Key.StartsWith(keyPrefix, StringComparison.Ordinal) && kv.Key.IndexOf('/', keyPrefix.Length) < 0)
            .ToDictionary(kv => kv.Key[keyPrefix.Length..], kv => kv.Value);
        DateTime started;
        if (history.TryGetValue(StartedKey, out var stamp))
        {
            started = DateTime.Parse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }
        else
        {
            started = time.GetUtcNow().UtcDateTime;
            await journal.RecordAsync(journalId, keyPrefix + StartedKey, started.ToString("O", CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
        }
        return new JournaledWorkflowContext(instanceId, journalId, keyPrefix, inputJson, journal, catalog, slots, history, started, logger, ct);
    }

    public T GetInput<T>() => WorkflowJson.Deserialize<T>(_inputJson);

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input)
    {
        string key = NextKey(name);
        if (_history.TryGetValue(key, out var recorded))
            return Task.FromResult(WorkflowJson.Deserialize<TResult>(recorded));
        IsReplaying = false;
        string inputJson = WorkflowJson.Serialize(input);
        return RunActivityAsync<TResult>(key, name, inputJson);
    }

    public Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input, string instanceId)
    {
        string key = NextKey("sub:" + name);
        if (_history.TryGetValue(key, out var recorded))
            return Task.FromResult(WorkflowJson.Deserialize<TResult>(recorded));
        IsReplaying = false;
        return RunChildAsync<TResult>(key, name, WorkflowJson.Serialize(input), instanceId);
    }

    public void SetCustomStatus(object? status) => CustomStatus = status;

    private string NextKey(string name) => $"{Interlocked.Increment(ref _sequence):D6}:{name}";

    private async Task<TResult> RunActivityAsync<TResult>(string key, string name, string inputJson)
    {
        var activity = _catalog.GetActivity(name);
        await _slots.WaitAsync(_ct).ConfigureAwait(false);
        object? output;
        try
        {
            var input = WorkflowJson.Deserialize(inputJson, activity.InputType);
            output = await activity.RunAsync(input, _ct).ConfigureAwait(false);
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
        string outputJson = WorkflowJson.Serialize(output);
        await _journal.RecordAsync(_journalId, _keyPrefix + key, outputJson, _ct).ConfigureAwait(false);
        return WorkflowJson.Deserialize<TResult>(outputJson);
    }

    private async Task<TResult> RunChildAsync<TResult>(string key, string name, string inputJson, string childId)
    {
        var child = await CreateAsync(childId, _journalId, $"{_keyPrefix}{childId}/", inputJson, _journal, _catalog, _slots, TimeProvider.System, _logger, _ct).ConfigureAwait(false);
        var output = await _catalog.GetWorkflow(name).RunAsync(child).ConfigureAwait(false);
        string outputJson = WorkflowJson.Serialize(output);
        await _journal.RecordAsync(_journalId, _keyPrefix + key, outputJson, _ct).ConfigureAwait(false);
        return WorkflowJson.Deserialize<TResult>(outputJson);
    }
}
