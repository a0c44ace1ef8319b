using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Users;
using Backtesting.Storage.Sql;
using Backtesting.Storage.Tests.Builders;
using Dapper;

namespace Backtesting.Storage.Tests.Fixtures;

/// <summary>A migrated database of one backend, reached as the service role and as the owner role, with the stores over it.</summary>
public abstract class StorageFixture : IAsyncLifetime
{
    private SqlDatabase? _service;
    private SqlDatabase? _owner;
    private IDatabaseMigrator? _migrator;

    public SqlDatabase Service => _service ?? throw new InvalidOperationException("fixture not initialized");

    public SqlDatabase Owner => _owner ?? throw new InvalidOperationException("fixture not initialized");

    public IDatabaseMigrator Migrator => _migrator ?? throw new InvalidOperationException("fixture not initialized");

    /// <summary>Scripts applied when the fixture created the database.</summary>
    public IReadOnlyList<string> InitialMigrations { get; private set; } = [];

    public SqlRunStore Runs => new(Service);

    public SqlJobJournal Journal => new(Service);

    /// <summary>Users and keys over the owner connection: the key-management path (the service role only reads them).</summary>
    public SqlUserStore Users => new(Owner);

    /// <summary>Users and keys as the service role sees them: lookups only on PostgreSQL.</summary>
    public SqlUserStore ServiceUsers => new(Service);

    public SqlStrategyCatalogStore Catalog => new(Service);

    public SqlMarketDataStore MarketData => new(Service);

    public SqlMarketDataImporter Importer => new(Owner);

    public async Task InitializeAsync()
    {
        (_service, _owner, _migrator) = await CreateAsync();
        InitialMigrations = await Migrator.MigrateAsync();
    }

    public abstract Task DisposeAsync();

    /// <summary>A new user and a new asset (created by the owner, as the service may not), both with unique ids.</summary>
    public async Task<(string UserId, string Symbol)> SeedUserAndAssetAsync()
    {
        string suffix = Guid.NewGuid().ToString("N")[..10];
        var user = new User("user-" + suffix, "Test user", false, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await Users.CreateUserAsync(user);
        string symbol = "SYM" + suffix.ToUpperInvariant();
        await OwnerExecuteAsync("INSERT INTO assets (id, name) VALUES (@Symbol, @Name)", new { Symbol = symbol, Name = "Asset " + symbol });
        return (user.Id, symbol);
    }

    /// <summary>A stored run of a new user on a new asset.</summary>
    public async Task<BacktestRun> CreateRunAsync(string status = RunStatus.Pending)
    {
        var (userId, symbol) = await SeedUserAndAssetAsync();
        var run = TestRuns.Run(userId, symbol, status);
        await Runs.CreateAsync(run);
        return run;
    }

    public async Task<T?> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Owner.OpenAsync(default);
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }

    public async Task<int> OwnerExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await Owner.OpenAsync(default);
        return await connection.ExecuteAsync(sql, parameters);
    }

    protected abstract Task<(SqlDatabase Service, SqlDatabase Owner, IDatabaseMigrator Migrator)> CreateAsync();

    public static Asset NewAsset(string prefix = "IMP") => new(prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), "Imported asset");
}
