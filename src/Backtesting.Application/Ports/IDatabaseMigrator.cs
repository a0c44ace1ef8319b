namespace Backtesting.Application.Ports;

/// <summary>Applies the versioned SQL migrations (idempotent: applied scripts are skipped).</summary>
public interface IDatabaseMigrator
{
    /// <summary>Applies pending scripts; returns the names of those applied now.</summary>
    Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default);
}
