namespace Backtesting.Application.Ports;

/// <summary>
/// Completed activity results of a workflow, so that a restarted runner replays them instead of
/// re-running the work. Keys are unique per run (e.g. "chunk:3").
/// </summary>
public interface IJobJournal
{
    /// <summary>Records a result; recording the same key twice keeps the first (activities are deterministic).</summary>
    Task RecordAsync(string runId, string key, string payload, CancellationToken ct = default);

    /// <summary>
    /// Records several results at once, all or none (one transaction where the store has them), each keeping the first
    /// as <see cref="RecordAsync(string, string, string, CancellationToken)"/> does.
    /// </summary>
    async Task RecordAsync(string runId, IReadOnlyList<KeyValuePair<string, string>> entries, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (key, payload) in entries)
            await RecordAsync(runId, key, payload, ct).ConfigureAwait(false);
    }

    /// <summary>Every recorded result of a run by key.</summary>
    Task<IReadOnlyDictionary<string, string>> LoadAsync(string runId, CancellationToken ct = default);

    Task ClearAsync(string runId, CancellationToken ct = default);
}
