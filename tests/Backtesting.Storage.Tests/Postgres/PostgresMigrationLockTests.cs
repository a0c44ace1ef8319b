using Backtesting.Storage.Postgres;
using Backtesting.Storage.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Backtesting.Storage.Tests.Postgres;

/// <summary>
/// Migrators of one database take turns under an advisory lock: instances starting together apply every script
/// exactly once, and a migrator waiting for its turn touches nothing. Each test migrates a fresh, empty database.
/// </summary>
public sealed class PostgresMigrationLockTests : IAsyncLifetime
{
    private readonly string _database = "bt_lock_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlConnectionStringBuilder _admin = null!;

    private string DatabaseConnectionString => new NpgsqlConnectionStringBuilder(_admin.ConnectionString) { Database = _database }.ConnectionString;

    /// <summary>The versioned scripts embedded in Backtesting.Storage, as DbUp names them after the backend prefix.</summary>
    private static List<string> VersionedScripts()
    {
        var assembly = typeof(PostgresDatabaseMigrator).Assembly;
        string prefix = assembly.GetName().Name + ".Migrations.Postgres.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && !n.StartsWith(prefix + "Always.", StringComparison.Ordinal))
            .Select(n => n[prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public async Task ConcurrentMigrators_ApplyEveryScriptExactlyOnce()
    {
        var scripts = VersionedScripts();
        Assert.NotEmpty(scripts);
        using var start = new Barrier(4);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await new PostgresDatabaseMigrator(DatabaseConnectionString).MigrateAsync();
        })));

        // the first to get the lock applies all, the others find the schema current
        Assert.Single(results, r => r.Count > 0);
        Assert.Equal(scripts, results.Single(r => r.Count > 0).Order(StringComparer.Ordinal));
        Assert.Equal(3, results.Count(r => r.Count == 0));
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        var journal = (await connection.QueryAsync<string>("SELECT scriptname FROM schemaversions")).ToList();
        Assert.Equal(scripts.Count, journal.Count);
        Assert.Equal(journal.Count, journal.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task LockHeldElsewhere_MigratorWaitsWithoutTouchingTheSchema_ThenMigrates()
    {
        await using var holder = new NpgsqlConnection(DatabaseConnectionString);
        await holder.OpenAsync();
        await holder.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = PostgresDatabaseMigrator.AdvisoryLockKey });

        var migration = new PostgresDatabaseMigrator(DatabaseConnectionString).MigrateAsync();
        await WaitUntilAsync(async () => await holder.ExecuteScalarAsync<long>(
            AdvisoryLocksHere + " AND NOT granted") == 1);

        Assert.False(migration.IsCompleted);
        Assert.Null(await holder.ExecuteScalarAsync<string?>("SELECT to_regclass('schemaversions')::text"));   // DbUp has not started

        await holder.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = PostgresDatabaseMigrator.AdvisoryLockKey });
        var applied = await migration;

        Assert.Equal(VersionedScripts(), applied.Order(StringComparer.Ordinal));
        Assert.Equal(0L, await holder.ExecuteScalarAsync<long>(AdvisoryLocksHere));   // released at the end
    }

    // this test's database only: fixtures of other classes migrate their own databases meanwhile, under the same key
    private const string AdvisoryLocksHere =
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    // Polls a condition the server reports (a lock wait), with a deadline; no fixed sleep decides the outcome.
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the migrator never waited for the advisory lock");
            await Task.Yield();
        }
    }

    public async Task InitializeAsync()
    {
        _admin = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString()) { Timeout = 5 };
        await using var connection = new NpgsqlConnection(_admin.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"CREATE DATABASE {_database}");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }
}
