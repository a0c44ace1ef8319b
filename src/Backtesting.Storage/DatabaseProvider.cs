namespace Backtesting.Storage;

/// <summary>Where runs, users and market data live.</summary>
public enum DatabaseProvider
{
    /// <summary>One SQLite file: the embedded default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (Azure Database for PostgreSQL in production).</summary>
    Postgres,
}
