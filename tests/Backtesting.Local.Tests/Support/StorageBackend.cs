namespace Backtesting.Local.Tests.Support;

/// <summary>Which real storage a test host runs on.</summary>
public enum StorageBackend
{
    /// <summary>SQLite file and filesystem blobs (the embedded default).</summary>
    Sqlite,

    /// <summary>PostgreSQL (BACKTESTING_TEST_POSTGRES) and Azurite blobs (BACKTESTING_TEST_AZURITE).</summary>
    PostgresAzurite,
}
