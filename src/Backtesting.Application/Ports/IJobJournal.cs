namespace Backtesting.Application.Ports;

/// <summary>
/// Completed activity results of a workflow, so that a restarted runner replays them instead of
/// re-running the work. Keys are unique per run (e.g. "chunk:3").
/// </summary>
public interface IJobJournal
{
    /// <summary>Records a result; recording the same key twice keeps the first (activities are deterministic).</summary>
    Task RecordAsync(string runId, string key, string payload, CancellationToken ct = default);

    /// <summary>Every recorded result of a run by key.</summary>
    Task<IReadOnlyDictionary<string, string>> LoadAsync(string runId, CancellationToken ct = default);

    Task ClearAsync(string runId, CancellationToken ct = default);
}
