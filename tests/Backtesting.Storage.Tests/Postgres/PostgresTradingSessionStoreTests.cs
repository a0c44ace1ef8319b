using Backtesting.Storage.Tests.Contracts;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Postgres;

public sealed class PostgresTradingSessionStoreTests(PostgresFixture fixture) : TradingSessionStoreContractTests<PostgresFixture>(fixture);
