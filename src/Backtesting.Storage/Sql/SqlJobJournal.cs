using Backtesting.Application.Ports;
using Dapper;

namespace Backtesting.Storage.Sql;

/// <summary><see cref="IJobJournal"/> over <c>job_journal</c>; a second record of the same key is ignored (keep-first).</summary>
public sealed class SqlJobJournal(SqlDatabase database, TimeProvider? clock = null) : IJobJournal
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task RecordAsync(string runId, string key, string payload, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(payload);
        await using var connection = await database.OpenForWriteAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO job_journal (run_id, entry_key, payload, recorded_at) VALUES (@RunId, @Key, @Payload, @Now) " +
            "ON CONFLICT (run_id, entry_key) DO NOTHING",
            new { RunId = runId, Key = key, Payload = payload, Now = DbTime.ToDb(_clock.GetUtcNow().UtcDateTime) }, cancellationToken: ct));
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
