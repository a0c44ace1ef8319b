using Backtesting.Storage.Tests.Contracts;
using Backtesting.Storage.Tests.Fixtures;
using Xunit.Abstractions;

namespace Backtesting.Storage.Tests.Sqlite;

public sealed class SqliteThroughputTests(SqliteFixture fixture, ITestOutputHelper output) : ThroughputContractTests<SqliteFixture>(fixture, output);
