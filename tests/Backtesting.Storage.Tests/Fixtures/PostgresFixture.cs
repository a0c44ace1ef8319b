using Backtesting.Application.Ports;
using Backtesting.Storage.Postgres;
using Backtesting.Storage.Sql;
using Npgsql;

namespace Backtesting.Storage.Tests.Fixtures;

/// <summary>
/// A fresh PostgreSQL database per fixture (random name) owned by a fresh owner role, migrated as
/// that owner, and a fresh service LOGIN role granted what the migrator grants; dropped afterwards.
/// </summary>
public sealed class PostgresFixture : StorageFixture
{
    private const string Password = "backtesting-test";
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    private NpgsqlConnectionStringBuilder? _admin;
    private readonly List<NpgsqlDataSource> _dataSources = [];

    public string DatabaseName => "bt_test_" + _suffix;

    public string OwnerRole => "bt_owner_" + _suffix;

    public string ServiceRole => "bt_service_" + _suffix;

    public string OwnerConnectionString => ConnectionStringFor(OwnerRole);

    public string ServiceConnectionString => ConnectionStringFor(ServiceRole);

    /// <summary>The superuser the tests were given, on this fixture's database.</summary>
    public string AdminConnectionString => new NpgsqlConnectionStringBuilder(_admin!.ConnectionString) { Database = DatabaseName }.ConnectionString;

    public override async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
            await dataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (_admin is null)
            return;
        await using var connection = new NpgsqlConnection(_admin.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)");
        // A parameter privilege is cluster-wide and would keep the role from being dropped.
        await SetReplicationRoleGrantAsync(false);
        await ExecuteAsync(connection, $"DROP ROLE IF EXISTS {ServiceRole}");
        await ExecuteAsync(connection, $"DROP ROLE IF EXISTS {OwnerRole}");
    }

    protected override async Task<(SqlDatabase Service, SqlDatabase Owner, IDatabaseMigrator Migrator)> CreateAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString()) { Timeout = 5 };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            try
            {
                await connection.OpenAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL not reachable at {admin.Host}:{admin.Port}: run `bash tests/run.sh`, which starts it, or set " +
                    $"{TestEnvironment.PostgresVariable} to a superuser connection string of a running server. ({ex.Message})", ex);
            }
            _admin = admin;
            await ExecuteAsync(connection, $"CREATE ROLE {OwnerRole} LOGIN PASSWORD '{Password}'");
            await ExecuteAsync(connection, $"CREATE ROLE {ServiceRole} LOGIN PASSWORD '{Password}'");
            await ExecuteAsync(connection, $"CREATE DATABASE {DatabaseName} OWNER {OwnerRole}");
        }
        var service = new PostgresDatabase(Track(NpgsqlDataSource.Create(ServiceConnectionString)));
        var owner = new PostgresDatabase(Track(NpgsqlDataSource.Create(OwnerConnectionString)));
        return (service, owner, new PostgresDatabaseMigrator(OwnerConnectionString, ServiceRole));
    }

    private string ConnectionStringFor(string role)
    {
        var builder = new NpgsqlConnectionStringBuilder(_admin!.ConnectionString) { Database = DatabaseName, Username = role, Password = Password };
        return builder.ConnectionString;
    }

    private NpgsqlDataSource Track(NpgsqlDataSource dataSource)
    {
        _dataSources.Add(dataSource);
        return dataSource;
    }

    // The first grant on a parameter inserts its pg_parameter_acl row; fixtures granting at once would
    // race on that insert (unique violation), so they take turns.
    private static readonly SemaphoreSlim ParameterAclTurn = new(1, 1);

    /// <summary>Grants or revokes, as a DBA would, the service role's right to set <c>session_replication_role</c>.</summary>
    public Task SetReplicationRoleGrantAsync(bool granted) => InParameterAclTurnAsync(async () =>
    {
        await using var connection = new NpgsqlConnection(_admin!.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, granted
            ? $"GRANT SET ON PARAMETER session_replication_role TO {ServiceRole}"
            : $"REVOKE SET ON PARAMETER session_replication_role FROM {ServiceRole}");
    });

    /// <summary>
    /// Runs <paramref name="body"/> with the service role granted <c>session_replication_role</c> (as an earlier migrator
    /// did, or a DBA against the rules), then revokes it.
    /// </summary>
    public async Task WithReplicationRoleGrantAsync(Func<Task> body)
    {
        await SetReplicationRoleGrantAsync(true);
        try
        {
            await body();
        }
        finally
        {
            await SetReplicationRoleGrantAsync(false);
        }
    }

    /// <summary>Runs <paramref name="action"/>, which grants or revokes a parameter privilege, when no other fixture does.</summary>
    public static async Task InParameterAclTurnAsync(Func<Task> action)
    {
        await ParameterAclTurn.WaitAsync();
        try
        {
            await action();
        }
        finally
        {
            ParameterAclTurn.Release();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
