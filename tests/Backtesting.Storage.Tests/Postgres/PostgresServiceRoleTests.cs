using Backtesting.Application.Users;
using Backtesting.Storage.Postgres;
using Backtesting.Storage.Sql;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Backtesting.Storage.Tests.Postgres;

/// <summary>
/// The service role reads market data, users and API keys but cannot change them (imports and key management need
/// the owner role), nor switch off triggers and foreign keys with <c>session_replication_role</c>.
/// </summary>
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

    [Theory]
    [InlineData("INSERT INTO users (id, name) VALUES (@Id || '-new', 'Mallory')")]
    [InlineData("UPDATE users SET is_admin = true WHERE id = @Id")]
    [InlineData("DELETE FROM users WHERE id = @Id")]
    [InlineData("INSERT INTO api_keys (key_hash, user_id, key_prefix) VALUES (repeat('a', 64), @Id, 'btk_')")]
    [InlineData("UPDATE api_keys SET revoked_at = NULL, expires_at = NULL WHERE user_id = @Id")]
    [InlineData("DELETE FROM api_keys WHERE user_id = @Id")]
    [InlineData("TRUNCATE api_keys")]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("SET LOCAL session_replication_role = replica")]
    [InlineData("SELECT set_config('session_replication_role', 'replica', false)")]
    public async Task ServiceRole_WriteUsersOrKeys_OrSetReplicationRole_IsDenied(string sql)
    {
        var (userId, _) = await fixture.SeedUserAndAssetAsync();
        await fixture.Users.AddApiKeyAsync(userId, UniqueHash(), "btk_");

        var error = await AsServiceAsync(sql, new { Id = userId });

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("permission denied", error.MessageText);
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT COUNT(*) FROM api_keys WHERE user_id = @Id AND revoked_at IS NULL", new { Id = userId }));
    }

    [Fact]
    public async Task ServiceRole_LooksUpUsersAndKeys()
    {
        var (userId, _) = await fixture.SeedUserAndAssetAsync();
        string hash = UniqueHash();
        await fixture.Users.AddApiKeyAsync(userId, hash, "btk_");

        Assert.Equal(userId, (await fixture.ServiceUsers.FindApiKeyAsync(hash))?.User.Id);
        Assert.Equal(userId, (await fixture.ServiceUsers.GetUserAsync(userId))?.Id);
        await Assert.ThrowsAsync<PostgresException>(() => fixture.ServiceUsers.RevokeApiKeysAsync(userId));
    }

    private static string UniqueHash() => ApiKeyService.Hash(Guid.NewGuid().ToString());

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
