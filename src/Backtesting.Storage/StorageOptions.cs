namespace Backtesting.Storage;

/// <summary>Which database and blob store the service uses, and how to reach them (configuration section "Storage").</summary>
public sealed record StorageOptions
{
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>The SQLite file (created when missing).</summary>
    public string SqlitePath { get; init; } = Path.Combine("data", "backtesting.db");

    /// <summary>PostgreSQL as the service role: DML on runs and users, SELECT only on market data.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>PostgreSQL as the owner role, for migrations and imports; the service connection when null.</summary>
    public string? PostgresOwnerConnectionString { get; init; }

    /// <summary>The role migrations grant the service's rights to; the user of <see cref="PostgresConnectionString"/> when null.</summary>
    public string? PostgresServiceRole { get; init; }

    /// <summary>How both PostgreSQL connections sign in: their password, or Entra ID tokens (no password in the connection string).</summary>
    public PostgresAuthentication PostgresAuthentication { get; init; } = PostgresAuthentication.Password;

    /// <summary>
    /// Whether start-up applies migrations. False where the schema is owned by a separate step (Azure: the azd
    /// post-provision hook, as the owner), so the service role never needs, or runs, DDL.
    /// </summary>
    public bool ApplyMigrations { get; init; } = true;

    public BlobProvider BlobProvider { get; init; } = BlobProvider.FileSystem;

    /// <summary>Root folder of the filesystem blob store.</summary>
    public string BlobDirectory { get; init; } = Path.Combine("data", "blobs");

    /// <summary>Azure Storage connection string (Azurite: "UseDevelopmentStorage=true"); or set <see cref="BlobServiceUri"/>.</summary>
    public string? BlobConnectionString { get; init; }

    /// <summary>Blob service endpoint reached with DefaultAzureCredential (managed identity in Azure), used when no connection string is set.</summary>
    public Uri? BlobServiceUri { get; init; }

    public string BlobContainer { get; init; } = "backtesting";

    /// <summary>Bars kept by the in-process market data cache (0 disables it).</summary>
    public long MarketDataCacheBars { get; init; } = 20_000_000;

    /// <summary>How long a cached series is served before it is read again.</summary>
    public TimeSpan MarketDataCacheMaxAge { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The problems of this configuration, each naming the setting; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(SqlitePath))
            errors.Add("Storage:SqlitePath is required when Provider is Sqlite");
        if (Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(PostgresConnectionString))
            errors.Add("Storage:PostgresConnectionString is required when Provider is Postgres");
        if (Provider == DatabaseProvider.Postgres && PostgresAuthentication == PostgresAuthentication.EntraId)
        {
            foreach (var (setting, value) in new[] { ("PostgresConnectionString", PostgresConnectionString), ("PostgresOwnerConnectionString", PostgresOwnerConnectionString) })
                if (!string.IsNullOrWhiteSpace(value) && HasPassword(value))
                    errors.Add($"Storage:{setting} must not hold a Password when Storage:PostgresAuthentication is EntraId (the token is the password)");
        }
        if (BlobProvider == BlobProvider.FileSystem && string.IsNullOrWhiteSpace(BlobDirectory))
            errors.Add("Storage:BlobDirectory is required when BlobProvider is FileSystem");
        if (BlobProvider == BlobProvider.Azure && string.IsNullOrWhiteSpace(BlobConnectionString) && BlobServiceUri is null)
            errors.Add("Storage:BlobConnectionString or Storage:BlobServiceUri is required when BlobProvider is Azure");
        if (BlobProvider == BlobProvider.Azure && string.IsNullOrWhiteSpace(BlobContainer))
            errors.Add("Storage:BlobContainer is required when BlobProvider is Azure");
        if (MarketDataCacheBars < 0)
            errors.Add($"Storage:MarketDataCacheBars {MarketDataCacheBars} must be >= 0");
        return errors;
    }

    private static bool HasPassword(string connectionString)
    {
        try
        {
            return !string.IsNullOrEmpty(new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Password);
        }
        catch (ArgumentException)
        {
            return false; // a malformed string fails later with Npgsql's own message
        }
    }
}
