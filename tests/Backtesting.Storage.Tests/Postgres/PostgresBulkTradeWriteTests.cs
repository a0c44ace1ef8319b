using Backtesting.Application.Runs;
using Backtesting.Storage.Postgres;
using Backtesting.Storage.Sql;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Backtesting.Storage.Tests.Postgres;

/// <summary>
/// Long trade lists skip the per-row foreign key trigger only for their own COPY, only where the role
/// was granted <c>session_replication_role</c> (never the service role, as migrated), and land the same rows either way.
/// </summary>
public sealed class PostgresBulkTradeWriteTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private const int LongList = PostgresDatabase.RowCheckFreeMinimum * 2;

    private const string SetPrivilege = "SELECT has_parameter_privilege(@Role, 'session_replication_role', 'SET')";

    [Fact]
    public async Task CompleteAsync_LongListWithTheGrant_StoresEveryTrade_AndTheConnectionKeepsItsForeignKeys()
    {
        await fixture.WithReplicationRoleGrantAsync(async () =>
        {
            // One pooled connection, so the checks below run on the very session that wrote the trades.
            await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(fixture.ServiceConnectionString) { MaxPoolSize = 1 }.ConnectionString);
            var database = new PostgresDatabase(dataSource);
            var run = await fixture.CreateRunAsync(RunStatus.Running);
            var completion = TestRuns.Completion(run.Id, LongList);

            await new SqlRunStore(database).CompleteAsync(completion);

            Assert.False(database.RowChecksRequired);
            var stored = await new SqlRunStore(database).GetTradesAsync(run.Id, 0, LongList);
            Assert.Equal(completion.Trades, stored.Items);
            await using var connection = await dataSource.OpenConnectionAsync();
            Assert.Equal("origin", await connection.ExecuteScalarAsync<string>("SHOW session_replication_role"));
            var orphan = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
                "INSERT INTO backtest_trades (id, backtest_run_id, sequence, entry_date, direction, entry_price, quantity, status) " +
                "VALUES ('orphan-t0', 'bt-missing', 0, now(), 'long', 1, 1, 'open')"));
            Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, orphan.SqlState);
        });
    }

    [Fact]
    public async Task CompleteAsync_LongListFailingMidway_LeavesNoRows_AndTheConnectionBackToOrigin()
    {
        await fixture.WithReplicationRoleGrantAsync(async () =>
        {
            await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(fixture.ServiceConnectionString) { MaxPoolSize = 1 }.ConnectionString);
            var database = new PostgresDatabase(dataSource);
            var store = new SqlRunStore(database);
            var run = await fixture.CreateRunAsync(RunStatus.Running);
            var completion = TestRuns.Completion(run.Id, LongList);
            var trades = completion.Trades.ToList();
            trades[^1] = trades[^1] with { Sequence = 0 }; // the unique index still holds with triggers skipped

            await Assert.ThrowsAsync<PostgresException>(() => store.CompleteAsync(completion with { Trades = trades }));

            Assert.False(database.RowChecksRequired);
            Assert.Equal(RunStatus.Running, (await store.GetByIdAsync(run.Id))!.Status);
            Assert.Equal(0, (await store.GetTradesAsync(run.Id, 0, 1)).Total);
            await using var connection = await dataSource.OpenConnectionAsync();
            Assert.Equal("origin", await connection.ExecuteScalarAsync<string>("SHOW session_replication_role"));
        });
    }

    [Fact]
    public async Task CompleteAsync_AsTheMigratedServiceRole_KeepsRowChecks_AndStoresEveryTrade()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.ServiceConnectionString);
        var database = new PostgresDatabase(dataSource);
        var store = new SqlRunStore(database);
        var first = await fixture.CreateRunAsync(RunStatus.Running);
        var second = await fixture.CreateRunAsync(RunStatus.Running);

        // The refusal is learnt once, inside the completion's own transaction, which still commits.
        await store.CompleteAsync(TestRuns.Completion(first.Id, LongList));
        Assert.True(database.RowChecksRequired);
        await store.CompleteAsync(TestRuns.Completion(second.Id, LongList));

        Assert.Equal(LongList, (await store.GetTradesAsync(first.Id, 0, 1)).Total);
        Assert.Equal(TestRuns.Completion(second.Id, LongList).Trades, (await store.GetTradesAsync(second.Id, 0, LongList)).Items);
        Assert.Equal(RunStatus.Completed, (await store.GetByIdAsync(second.Id))!.Status);
    }

    [Fact]
    public async Task Migrator_NeverGrantsTheSetting_AndTakesBackAnEarlierGrantWhenRunBySuperuser()
    {
        Assert.False(await AdminScalarAsync<bool>(SetPrivilege, new { Role = fixture.ServiceRole }));
        await fixture.WithReplicationRoleGrantAsync(async () =>
        {
            // as the owner it cannot take back a superuser's grant (it warns); as a superuser it does
            await fixture.Migrator.MigrateAsync();
            Assert.True(await AdminScalarAsync<bool>(SetPrivilege, new { Role = fixture.ServiceRole }));

            await PostgresFixture.InParameterAclTurnAsync(() => new PostgresDatabaseMigrator(fixture.AdminConnectionString, fixture.ServiceRole).MigrateAsync());
            Assert.False(await AdminScalarAsync<bool>(SetPrivilege, new { Role = fixture.ServiceRole }));
        });
        Assert.False(await AdminScalarAsync<bool>(SetPrivilege, new { Role = fixture.ServiceRole }));
    }

    private async Task<T> AdminScalarAsync<T>(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(fixture.AdminConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }
}
