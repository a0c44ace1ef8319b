using Backtesting.Storage.Tests.Contracts;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Postgres;

public sealed class PostgresUserStrategyStoreTests(PostgresFixture fixture) : UserStrategyStoreContractTests<PostgresFixture>(fixture);
