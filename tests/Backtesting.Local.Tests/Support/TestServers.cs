using Npgsql;

namespace Backtesting.Local.Tests.Support;

/// <summary>The PostgreSQL and Azurite servers that tests/run.sh starts; a missing one fails loudly with how to start it.</summary>
public static class TestServers
{
    public static string Postgres()
    {
        string? connection = Environment.GetEnvironmentVariable("BACKTESTING_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(connection))
            throw new InvalidOperationException("PostgreSQL is not configured: run `bash tests/run.sh` (it starts a throwaway cluster) or set BACKTESTING_TEST_POSTGRES to a superuser connection string.");
        try
        {
            using var c = new NpgsqlConnection(connection);
            c.Open();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"PostgreSQL at BACKTESTING_TEST_POSTGRES is not reachable ({ex.Message}): run `bash tests/run.sh` or start your server.", ex);
        }
        return connection;
    }

    public static string Azurite()
    {
        string? connection = Environment.GetEnvironmentVariable("BACKTESTING_TEST_AZURITE");
        if (string.IsNullOrWhiteSpace(connection))
            throw new InvalidOperationException("Azurite is not configured: run `bash tests/run.sh` (it starts Azurite) or set BACKTESTING_TEST_AZURITE to a blob connection string.");
        return connection;
    }
}
