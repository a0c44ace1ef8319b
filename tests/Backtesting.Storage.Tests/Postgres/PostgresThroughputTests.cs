using Backtesting.Application.Runs;
using Backtesting.Storage.Postgres;
using Backtesting.Storage.Sql;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Contracts;
using Backtesting.Storage.Tests.Fixtures;
using Npgsql;
using Xunit.Abstractions;

namespace Backtesting.Storage.Tests.Postgres;

public sealed class PostgresThroughputTests(PostgresFixture fixture, ITestOutputHelper output) : ThroughputContractTests<PostgresFixture>(fixture, output)
{
    /// <summary>The figure for servers where the service role may not skip row triggers (e.g. Azure Flexible Server).</summary>
    [Fact]
    public async Task CompleteAsync_OneHundredThousandTrades_WithPerRowForeignKeyChecks()
    {
        await Fixture.WithoutReplicationRoleGrantAsync(async () =>
        {
            await using var dataSource = NpgsqlDataSource.Create(Fixture.ServiceConnectionString);
            var database = new PostgresDatabase(dataSource);
            var store = new SqlRunStore(database);
            RunCompletion? last = null;

            await TimeBestAsync("complete a run with trades, per-row foreign key checks", Trades, async () =>
            {
                var run = await Fixture.CreateRunAsync(RunStatus.Running);
                last = TestRuns.Completion(run.Id, Trades);
            }, () => store.CompleteAsync(last!));

            Assert.True(database.RowChecksRequired);
            Assert.Equal(Trades, (await store.GetTradesAsync(last!.RunId, 0, 1)).Total);
        });
    }
}
