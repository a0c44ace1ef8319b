using Backtesting.Storage.Tests.Contracts;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Sqlite;

public sealed class SqliteScheduleStoreTests(SqliteFixture fixture) : ScheduleStoreContractTests<SqliteFixture>(fixture);
