using Azure.Core;
using Backtesting.Application.Ports;
using Backtesting.Storage.Postgres;
using Backtesting.Storage.Sql;
using Backtesting.Storage.Sqlite;
using Npgsql;

namespace Backtesting.Storage;

/// <summary>
/// The configured database as the service role (reads, runs) and as the owner role (migrations,
/// imports); both are the same SQLite file in the embedded default. Owns the Npgsql data sources.
/// </summary>
internal sealed class StorageDatabases : IAsyncDisposable, IDisposable
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    /// <param name="options">The storage settings.</param>
    /// <param name="credential">Entra ID token source when <see cref="StorageOptions.PostgresAuthentication"/> is EntraId (DefaultAzureCredential when null).</param>
    public StorageDatabases(StorageOptions options, TokenCredential? credential = null)
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            string serviceConnection = options.PostgresConnectionString!;
            string ownerConnection = string.IsNullOrWhiteSpace(options.PostgresOwnerConnectionString) ? serviceConnection : options.PostgresOwnerConnectionString;
            // the sign-in setting applies to both roles: with EntraId each connection string names an Entra principal
            Service = new PostgresDatabase(Track(PostgresDataSourceFactory.Create(serviceConnection, options.PostgresAuthentication, credential)));
            Owner = ownerConnection == serviceConnection ? Service
                : new PostgresDatabase(Track(PostgresDataSourceFactory.Create(ownerConnection, options.PostgresAuthentication, credential)));
            Migrator = options.ApplyMigrations
                ? new PostgresDatabaseMigrator(ownerConnection, options.PostgresServiceRole ?? new NpgsqlConnectionStringBuilder(serviceConnection).Username)
                : new ExternallyAppliedMigrations();
        }
        else
        {
            var sqlite = SqliteDatabase.ForFile(options.SqlitePath);
            Service = Owner = sqlite;
            Migrator = new SqliteDatabaseMigrator(sqlite);
        }
    }

    public SqlDatabase Service { get; }

    public SqlDatabase Owner { get; }

    public IDatabaseMigrator Migrator { get; }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
            await dataSource.DisposeAsync();
    }

    public void Dispose()
    {
        foreach (var dataSource in _dataSources)
            dataSource.Dispose();
    }

    private NpgsqlDataSource Track(NpgsqlDataSource dataSource)
    {
        _dataSources.Add(dataSource);
        return dataSource;
    }
}
