using System.Collections.Concurrent;
using Backtesting.Application.Ports;

namespace Backtesting.Application.Workflows.Local;

/// <summary>A journal that lives as long as one workflow run, for instances that are not stored runs.</summary>
internal sealed class InMemoryJobJournal : IJobJournal
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> _entries = new();

    public Task RecordAsync(string runId, string key, string payload, CancellationToken ct = default)
    {
        _entries.GetOrAdd(runId, _ => new()).TryAdd(key, payload);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, string>> LoadAsync(string runId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(_entries.TryGetValue(runId, out var e) ? new Dictionary<string, string>(e) : []);

    public Task ClearAsync(string runId, CancellationToken ct = default)
    {
        _entries.TryRemove(runId, out _);
        return Task.CompletedTask;
    }
}
