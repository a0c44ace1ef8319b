using Backtesting.Application.Ports;
using Backtesting.Storage.Sql;
using Backtesting.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Backtesting.Storage.Tests.Fixtures;

/// <summary>A fresh SQLite file per fixture; the service and the owner are the same (SQLite has no roles).</summary>
public sealed class SqliteFixture : StorageFixture
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"backtesting-test-{Guid.NewGuid():N}.db");

    public string DatabasePath => _path;

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (string suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_path + suffix);
        return Task.CompletedTask;
    }

    protected override Task<(SqlDatabase Service, SqlDatabase Owner, IDatabaseMigrator Migrator)> CreateAsync()
    {
        var database = SqliteDatabase.ForFile(_path);
        return Task.FromResult<(SqlDatabase, SqlDatabase, IDatabaseMigrator)>((database, database, new SqliteDatabaseMigrator(database)));
    }
}
