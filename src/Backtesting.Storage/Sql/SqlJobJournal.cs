using Backtesting.Application.Ports;
using Dapper;

namespace Backtesting.Storage.Sql;

/// <summary><see cref="IJobJournal"/> over <c>job_journal</c>; a second record of the same key is ignored (keep-first).</summary>
public sealed class SqlJobJournal(SqlDatabase database, TimeProvider? clock = null) : IJobJournal
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private const string Insert =
        "INSERT INTO job_journal (run_id, entry_key, payload, recorded_at) VALUES (@RunId, @Key, @Payload, @Now) " +
        "ON CONFLICT (run_id, entry_key) DO NOTHING";

    public async Task RecordAsync(string runId, string key, string payload, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(payload);
        await using var connection = await database.OpenForWriteAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            Insert, new { RunId = runId, Key = key, Payload = payload, Now = DbTime.ToDb(_clock.GetUtcNow().UtcDateTime) }, cancellationToken: ct));
    }

    /// <summary>The entries in one transaction: one commit (one log flush) for all of them.</summary>
    public async Task RecordAsync(string runId, IReadOnlyList<KeyValuePair<string, string>> entries, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (key, payload) in entries)
        {
            ArgumentException.ThrowIfNullOrEmpty(key, nameof(entries));
            ArgumentNullException.ThrowIfNull(payload, nameof(entries));
        }
        if (entries.Count == 0) return;
        if (entries.Count == 1)
        {
            await RecordAsync(runId, entries[0].Key, entries[0].Value, ct); // one statement commits itself
            return;
        }
        var now = DbTime.ToDb(_clock.GetUtcNow().UtcDateTime);
        await using var connection = await database.OpenForWriteAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Dapper runs the statement once per element of the list, inside the transaction
        await connection.ExecuteAsync(new CommandDefinition(
            Insert, entries.Select(e => new { RunId = runId, e.Key, Payload = e.Value, Now = now }).ToList(), transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }

    public async Task<IReadOnlyDictionary<string, string>> LoadAsync(string runId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Key, string Payload)>(new CommandDefinition(
            "SELECT entry_key, payload FROM job_journal WHERE run_id = @RunId", new { RunId = runId }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Key, r => r.Payload, StringComparer.Ordinal);
    }

    public async Task ClearAsync(string runId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenForWriteAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM job_journal WHERE run_id = @RunId", new { RunId = runId }, cancellationToken: ct));
    }
}
