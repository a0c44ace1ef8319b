using Backtesting.Application.Ports;
using Backtesting.Storage.Migrations;
using DbUp;

namespace Backtesting.Storage.Sqlite;

/// <summary>Applies <c>Migrations/Sqlite</c> to the database file (created when missing).</summary>
public sealed class SqliteDatabaseMigrator(SqliteDatabase database) : IDatabaseMigrator
{
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default) =>
        Task.Run(() => DbUpMigrationRunner.Run(DeployChanges.To.SqliteDatabase(database.ConnectionString), "Sqlite", null), ct);
}
