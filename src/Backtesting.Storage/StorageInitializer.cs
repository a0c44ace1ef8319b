using Backtesting.Application.Ports;
using Backtesting.Engine.Strategies;

namespace Backtesting.Storage;

/// <summary>Start-up work of every host (and the CLI's <c>migrate</c>): apply migrations, then upsert the engine's strategy catalog.</summary>
public sealed class StorageInitializer(IDatabaseMigrator migrator, IStrategyCatalogStore catalog)
{
    /// <summary>Returns the migration scripts applied now (empty when the schema was current).</summary>
    public async Task<IReadOnlyList<string>> InitializeAsync(CancellationToken ct = default)
    {
        var applied = await migrator.MigrateAsync(ct);
        await catalog.UpsertAsync(StrategyCatalog.All, ct);
        return applied;
    }
}
