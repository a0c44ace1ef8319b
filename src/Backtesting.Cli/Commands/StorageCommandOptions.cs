using System.CommandLine;
using System.Data.Common;
using Backtesting.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Cli.Commands;

/// <summary>Options of the commands that open the database (import, migrate), and the storage they compose.</summary>
public static class StorageCommandOptions
{
    public static Option<string> Database() => new Option<string>("--db")
    {
        Description = "Database: sqlite (the embedded default) or postgres.",
        DefaultValueFactory = _ => "sqlite",
    }.AcceptOnlyFromAmong("sqlite", "postgres");

    public static Option<string?> Connection() => new("--connection")
    {
        Description = "sqlite: the database file (default data/backtesting.db); postgres: a connection string as the owner role (required).",
    };

    /// <summary>Storage over the chosen database as its owner (migrations and imports need the owner's rights).</summary>
    public static ServiceProvider Open(string database, string? connection, string? serviceRole = null)
    {
        StorageOptions options;
        if (database == "postgres")
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new ArgumentException("--connection: required with --db postgres (a connection string as the owner role, e.g. \"Host=localhost;Username=backtesting_owner;Password=...;Database=backtesting\")");
            options = new StorageOptions
            {
                Provider = DatabaseProvider.Postgres,
                PostgresConnectionString = connection,
                PostgresOwnerConnectionString = connection,
                PostgresServiceRole = serviceRole,
                MarketDataCacheBars = 0,
            };
        }
        else
        {
            if (serviceRole is not null)
                throw new ArgumentException("--service-role: only applies to --db postgres (SQLite has no roles)");
            options = new StorageOptions { SqlitePath = string.IsNullOrWhiteSpace(connection) ? new StorageOptions().SqlitePath : connection, MarketDataCacheBars = 0 };
        }
        return new ServiceCollection().AddBacktestingStorage(options).BuildServiceProvider();
    }

    /// <summary>Runs an async command body under <see cref="CliConsole.Guarded"/>; database failures print and return 1.</summary>
    public static int Run(CliConsole console, Func<Task<int>> body) => console.Guarded(() =>
    {
        try
        {
            return body().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException { InnerException: DbException })
        {
            console.Error.WriteLine($"error: database: {ex.Message}");
            return CliApplication.Failure;
        }
    });
}
