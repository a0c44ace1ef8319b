using Backtesting.Storage.Tests.Contracts;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Postgres;

public sealed class PostgresMarketDataTests(PostgresFixture fixture) : MarketDataContractTests<PostgresFixture>(fixture);
