namespace Backtesting.Storage.Tests.Fixtures;

/// <summary>The servers the contract tests need, from environment variables set by tests/run.sh. Missing ones fail the tests, loudly.</summary>
public static class TestEnvironment
{
    public const string PostgresVariable = "BACKTESTING_TEST_POSTGRES";
    public const string AzuriteVariable = "BACKTESTING_TEST_AZURITE";

    public static string PostgresConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL not configured: run `bash tests/run.sh`, which starts it, or set {PostgresVariable} to a superuser connection string " +
                "(e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=...).");

    public static string AzuriteConnectionString() =>
        Environment.GetEnvironmentVariable(AzuriteVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Azurite not configured: run `bash tests/run.sh`, which starts it, or set {AzuriteVariable} to a blob connection string " +
                "(e.g. UseDevelopmentStorage=true with Azurite running).");
}
