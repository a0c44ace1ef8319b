using Backtesting.Storage.Tests.Contracts;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Postgres;

public sealed class PostgresScheduleStoreTests(PostgresFixture fixture) : ScheduleStoreContractTests<PostgresFixture>(fixture);
