using Backtesting.Storage.Tests.Contracts;
using Backtesting.Storage.Tests.Fixtures;
using Xunit.Abstractions;

namespace Backtesting.Storage.Tests.Postgres;

public sealed class PostgresThroughputTests(PostgresFixture fixture, ITestOutputHelper output) : ThroughputContractTests<PostgresFixture>(fixture, output);
