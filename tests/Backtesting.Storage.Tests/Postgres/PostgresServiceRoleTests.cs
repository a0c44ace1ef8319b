using Backtesting.Storage.Postgres;
using Backtesting.Storage.Sql;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Backtesting.Storage.Tests.Postgres;

/// <summary>The service role reads market data but cannot change it; imports need the owner role.</summary>
public sealed class PostgresServiceRoleTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private async Task<string> ImportAsync()
    {
        var asset = StorageFixture.NewAsset();
        await fixture.Importer.ImportAsync(asset, "1d", TestBars.Daily(10));
        return asset.Symbol;
    }

    private async Task<PostgresException> AsServiceAsync(string sql, object parameters)
    {
        await using var connection = await fixture.Service.OpenAsync(default);
        return await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql, parameters));
    }

    [Fact]
    public async Task ServiceRole_UpdateMarketData_FailsWithPermissionDenied()
    {
        string symbol = await ImportAsync();

        var error = await AsServiceAsync("UPDATE market_data SET close = close * 2 WHERE asset_id = @Symbol", new { Symbol = symbol });

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("permission denied", error.MessageText);
        Assert.Equal(10, (await fixture.MarketData.ReadBarsAsync(symbol, "1d", null, null))!.Count);
    }

    [Theory]
    [InlineData("INSERT INTO market_data (asset_id, timeframe, bar_time, open, high, low, close, volume) VALUES (@Symbol, '1h', now(), 1, 1, 1, 1, 1)")]
    [InlineData("DELETE FROM market_data WHERE asset_id = @Symbol")]
    [InlineData("UPDATE assets SET name = 'x' WHERE id = @Symbol")]
    [InlineData("INSERT INTO assets (id, name) VALUES (@Symbol || 'X', 'x')")]
    [InlineData("TRUNCATE market_data")]
    public async Task ServiceRole_WriteToMarketDataOrAssets_IsDenied(string sql)
    {
        string symbol = await ImportAsync();

        var error = await AsServiceAsync(sql, new { Symbol = symbol });

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Importer_AsServiceRole_IsDenied()
    {
        var importer = new SqlMarketDataImporter(fixture.Service);

        var error = await Assert.ThrowsAsync<PostgresException>(() => importer.ImportAsync(StorageFixture.NewAsset(), "1d", TestBars.Daily(3)));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Migrator_WithoutServiceRole_GrantsNothing_AndServiceRoleKeepsItsRights()
    {
        var ownerOnly = new PostgresDatabaseMigrator(fixture.OwnerConnectionString);

        Assert.Null(ownerOnly.ServiceRole);
        Assert.Empty(await ownerOnly.MigrateAsync());
        Assert.Equal(0, await fixture.Runs.CountActiveAsync("nobody"));
    }
}
