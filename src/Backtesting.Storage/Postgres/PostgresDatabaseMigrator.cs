using Backtesting.Application.Ports;
using Backtesting.Storage.Migrations;
using DbUp;
using Npgsql;

namespace Backtesting.Storage.Postgres;

/// <summary>
/// Applies <c>Migrations/Postgres</c> with the owner role. When a service role is named, every run
/// also re-grants it exactly its rights: DML on run tables, SELECT only on market data, users and API keys.
/// Migrators of one database take turns under a PostgreSQL advisory lock, so instances starting together (or a
/// deployment hook racing a host) never apply a script twice or see a half-made schema.
/// </summary>
public sealed class PostgresDatabaseMigrator : IDatabaseMigrator
{
    private readonly string _ownerConnectionString;
    private readonly string? _serviceRole;

    /// <param name="ownerConnectionString">A connection as the role that owns the tables.</param>
    /// <param name="serviceRole">The service's login role, or null to grant nothing (service and owner are one role).</param>
    public PostgresDatabaseMigrator(string ownerConnectionString, string? serviceRole = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerConnectionString);
        _ownerConnectionString = ownerConnectionString;
        string? owner = new NpgsqlConnectionStringBuilder(ownerConnectionString).Username;
        _serviceRole = string.IsNullOrEmpty(serviceRole) || serviceRole == owner ? null : serviceRole;
    }

    /// <summary>The session advisory lock a migrator holds while it migrates (per database; "BTMIGR" in ASCII).</summary>
    public const long AdvisoryLockKey = 0x4254_4D49_4752;

    /// <summary>The role granted the service's rights, if any.</summary>
    public string? ServiceRole => _serviceRole;

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        // a session lock on its own unpooled connection: DbUp's transaction comes and goes, the turn lasts until it is
        // released (or, when a script fails, the session closes), never handed back to a pool still holding the lock
        await using var turn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_ownerConnectionString) { Pooling = false }.ConnectionString);
        await turn.OpenAsync(ct).ConfigureAwait(false);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", turn))
        {
            take.Parameters.AddWithValue("key", AdvisoryLockKey);
            await take.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        var variables = _serviceRole is null ? null : new Dictionary<string, string> { ["service_role"] = QuoteIdentifier(_serviceRole) };
        var applied = await Task.Run(() => DbUpMigrationRunner.Run(DeployChanges.To.PostgresqlDatabase(_ownerConnectionString), "Postgres", variables), ct).ConfigureAwait(false);
        // hand the turn on now: the server ends a closed session a moment after the client has gone
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", turn))
        {
            release.Parameters.AddWithValue("key", AdvisoryLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return applied;
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
