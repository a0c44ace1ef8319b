using Backtesting.Storage.Tests.Contracts;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Sqlite;

public sealed class SqliteTradingSessionStoreTests(SqliteFixture fixture) : TradingSessionStoreContractTests<SqliteFixture>(fixture);
