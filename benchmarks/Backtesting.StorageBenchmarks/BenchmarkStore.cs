using Backtesting.Application.Ports;
using Backtesting.Storage.Postgres;
using Backtesting.Storage.Sql;
using Backtesting.Storage.Sqlite;
using Npgsql;

namespace Backtesting.StorageBenchmarks;

/// <summary>
/// A fresh, migrated database for one benchmark case, dropped afterwards: an SQLite file, or a
/// PostgreSQL database with a service role that may skip row triggers on bulk trade writes (granted by
/// the superuser migrator) or, for "postgres-row-checks", one that may not.
/// </summary>
public sealed class BenchmarkStore : IAsyncDisposable
{
    public const string Sqlite = "sqlite", Postgres = "postgres", PostgresRowChecks = "postgres-row-checks";

    private const string Password = "backtesting-bench";
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private string? _sqlitePath, _admin;

    private BenchmarkStore()
    {
    }

    /// <summary>Where the service reads and writes runs.</summary>
    public SqlDatabase Service { get; private set; } = null!;

    /// <summary>The owner, for imports.</summary>
    public SqlDatabase Owner { get; private set; } = null!;

    public static async Task<BenchmarkStore> CreateAsync(string kind)
    {
        var store = new BenchmarkStore();
        if (kind == Sqlite)
        {
            store._sqlitePath = Path.Combine(Path.GetTempPath(), $"bt-bench-{store._suffix}.db");
            var sqlite = SqliteDatabase.ForFile(store._sqlitePath);
            await new SqliteDatabaseMigrator(sqlite).MigrateAsync();
            store.Service = store.Owner = sqlite;
            return store;
        }
        string admin = Environment.GetEnvironmentVariable("BACKTESTING_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("BACKTESTING_TEST_POSTGRES")
            ?? throw new InvalidOperationException("set BACKTESTING_BENCH_POSTGRES to a superuser connection string for the PostgreSQL cases, or filter them out");
        store._admin = admin;
        string database = "bt_bench_" + store._suffix, service = "bt_bench_service_" + store._suffix, checkedRole = "bt_bench_checked_" + store._suffix;
        await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        await ExecuteAsync(admin, $"CREATE ROLE {service} LOGIN PASSWORD '{Password}'");
        await ExecuteAsync(admin, $"CREATE ROLE {checkedRole} LOGIN PASSWORD '{Password}'");
        string owner = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        await new PostgresDatabaseMigrator(owner, service).MigrateAsync();
        // The fast column: a role a superuser lets skip row triggers (the migrator never grants it to the service role).
        await ExecuteAsync(admin, $"GRANT SET ON PARAMETER session_replication_role TO {service}");
        await ExecuteAsync(owner, $"GRANT USAGE ON SCHEMA public TO {checkedRole}; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {checkedRole}");
        string role = kind == PostgresRowChecks ? checkedRole : service;
        store.Service = new PostgresDatabase(store.Track(NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(owner) { Username = role, Password = Password }.ConnectionString)));
        store.Owner = new PostgresDatabase(store.Track(NpgsqlDataSource.Create(owner)));
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
            await dataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string suffix in new[] { "", "-wal", "-shm" })
                File.Delete(_sqlitePath + suffix);
        }
        if (_admin is not null)
        {
            await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS bt_bench_{_suffix} WITH (FORCE)");
            await ExecuteAsync(_admin, $"REVOKE SET ON PARAMETER session_replication_role FROM bt_bench_service_{_suffix}");
            await ExecuteAsync(_admin, $"DROP ROLE IF EXISTS bt_bench_service_{_suffix}");
            await ExecuteAsync(_admin, $"DROP ROLE IF EXISTS bt_bench_checked_{_suffix}");
        }
    }

    private NpgsqlDataSource Track(NpgsqlDataSource dataSource)
    {
        _dataSources.Add(dataSource);
        return dataSource;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
