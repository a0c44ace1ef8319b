using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Contracts;

/// <summary>What every <see cref="Application.Ports.IDatabaseMigrator"/> does, run against each backend.</summary>
public abstract class MigratorContractTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : StorageFixture
{
    protected TFixture Fixture { get; } = fixture;

    [Fact]
    public void MigrateAsync_FreshDatabase_AppliedEveryVersionedScriptInOrder()
    {
        Assert.Equal(["0001_users_assets_market_data.sql", "0002_backtesting_tables.sql", "0003_job_journal.sql", "0004_backtest_schedules.sql", "0005_schedule_risk_free_rate.sql", "0006_user_strategies.sql", "0007_trading_sessions.sql", "0008_api_key_expiry.sql"], Fixture.InitialMigrations);
    }

    [Fact]
    public async Task MigrateAsync_Again_AppliesNothingAndKeepsData()
    {
        var (userId, _) = await Fixture.SeedUserAndAssetAsync();

        var again = await Fixture.Migrator.MigrateAsync();
        var third = await Fixture.Migrator.MigrateAsync();

        Assert.Empty(again);
        Assert.Empty(third);
        Assert.NotNull(await Fixture.Users.GetUserAsync(userId));
    }

    [Theory]
    [InlineData("users")]
    [InlineData("api_keys")]
    [InlineData("assets")]
    [InlineData("market_data")]
    [InlineData("trading_strategies")]
    [InlineData("backtest_runs")]
    [InlineData("backtest_results")]
    [InlineData("backtest_trades")]
    [InlineData("job_journal")]
    [InlineData("backtest_schedules")]
    [InlineData("trading_sessions")]
    public async Task MigrateAsync_CreatesTable(string table)
    {
        Assert.Equal(0L, await Fixture.ScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE 1 = 0"));
    }
}
