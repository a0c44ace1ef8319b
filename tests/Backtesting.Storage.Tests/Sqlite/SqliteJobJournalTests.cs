using Backtesting.Storage.Tests.Contracts;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Sqlite;

public sealed class SqliteJobJournalTests(SqliteFixture fixture) : JobJournalContractTests<SqliteFixture>(fixture);
