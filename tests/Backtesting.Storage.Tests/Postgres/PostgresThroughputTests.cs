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
    /// <summary>
    /// The figure for a role that may skip row triggers (a superuser's grant, which the migrator takes back from the
    /// service role: the contract test's figure, with per-row checks, is the service's).
    /// </summary>
    [Fact]
    public async Task CompleteAsync_OneHundredThousandTrades_WithRowTriggersSkipped()
    {
        await Fixture.WithReplicationRoleGrantAsync(async () =>
        {
            await using var dataSource = NpgsqlDataSource.Create(Fixture.ServiceConnectionString);
            var database = new PostgresDatabase(dataSource);
            var store = new SqlRunStore(database);
            RunCompletion? last = null;

            await TimeBestAsync("complete a run with trades, row triggers skipped", Trades, async () =>
            {
                var run = await Fixture.CreateRunAsync(RunStatus.Running);
                last = TestRuns.Completion(run.Id, Trades);
            }, () => store.CompleteAsync(last!));

            Assert.False(database.RowChecksRequired);
            Assert.Equal(Trades, (await store.GetTradesAsync(last!.RunId, 0, 1)).Total);
        });
    }
}
