using Backtesting.Application.Ports;
using Backtesting.Storage.Migrations;
using DbUp;
using Npgsql;

namespace Backtesting.Storage.Postgres;

/// <summary>
/// Applies <c>Migrations/Postgres</c> with the owner role. When a service role is named, every run
/// also re-grants it exactly its rights: DML on run and user tables, SELECT only on market data.
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

    /// <summary>The role granted the service's rights, if any.</summary>
    public string? ServiceRole => _serviceRole;

    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default) => Task.Run(() =>
    {
        var variables = _serviceRole is null ? null : new Dictionary<string, string> { ["service_role"] = QuoteIdentifier(_serviceRole) };
        return DbUpMigrationRunner.Run(DeployChanges.To.PostgresqlDatabase(_ownerConnectionString), "Postgres", variables);
    }, ct);

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
