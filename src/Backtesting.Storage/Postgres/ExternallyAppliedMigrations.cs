using Backtesting.Application.Ports;

namespace Backtesting.Storage.Postgres;

/// <summary>
/// The migrator of a host whose schema is migrated elsewhere (<see cref="StorageOptions.ApplyMigrations"/> false):
/// the owner applies migrations in a separate step, so this host applies none and never runs DDL.
/// </summary>
internal sealed class ExternallyAppliedMigrations : IDatabaseMigrator
{
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<string>>([]);
}
