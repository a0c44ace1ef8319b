using Backtesting.Tests.Shared;
using System.Net.Http.Headers;
using Backtesting.Application.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Backtesting.Local.Tests.Support;

/// <summary>
/// The real local host over real storage in a fresh temp folder (SQLite) or a fresh PostgreSQL
/// database with an Azurite container. Servers that are not reachable fail the test with how to start them.
/// </summary>
public sealed class LocalHostFactory : WebApplicationFactory<Backtesting.Local.Startup.LocalHostInitializer>
{
    private readonly string _folder;
    private readonly bool _ownsFolder;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    public LocalHostFactory(StorageBackend backend = StorageBackend.Sqlite, IDictionary<string, string?>? settings = null,
        string? folder = null, Action<IServiceCollection>? configureServices = null)
    {
        Backend = backend;
        _ownsFolder = folder is null;
        _folder = folder ?? Path.Combine(Path.GetTempPath(), "bt-local-" + Guid.NewGuid().ToString("N"));
        _configureServices = configureServices;
        Directory.CreateDirectory(_folder);
        _settings = new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(_folder, "test.db"),
            ["Storage:BlobDirectory"] = Path.Combine(_folder, "blobs"),
            ["Backtesting:Auth:AllowLoopbackWithoutKey"] = "false",
            // no start-up warm-up (200 runs through a throwaway host): its own tests turn it on
            ["Backtesting:Warmup:Runs"] = "0",
        };
        if (backend == StorageBackend.PostgresAzurite)
        {
            _settings["Storage:Provider"] = "Postgres";
            _settings["Storage:PostgresConnectionString"] = CreatePostgresDatabase();
            _settings["Storage:BlobProvider"] = "Azure";
            _settings["Storage:BlobConnectionString"] = TestServers.Azurite();
            _settings["Storage:BlobContainer"] = "t" + Guid.NewGuid().ToString("N")[..20];
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
    }

    public StorageBackend Backend { get; }

    /// <summary>Shared hosts poll a lot from many tests: lift the per-user request rate (its own tests use a low one).</summary>
    public static IDictionary<string, string?> GenerousLimits => new Dictionary<string, string?>
    {
        ["Backtesting:Limits:RequestsPerMinutePerUser"] = "1000000",
        ["Backtesting:Limits:UnauthenticatedRequestsPerMinutePerAddress"] = "1000000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(MidMinuteRateLimiter.Install);
        if (_configureServices is not null)
            builder.ConfigureServices(_configureServices);
    }

    /// <summary>A client authenticated as a new user with its own API key.</summary>
    public async Task<HttpClient> CreateUserClientAsync(string userId, bool admin = false)
    {
        var keys = Services.GetRequiredService<ApiKeyService>();
        var (_, key) = await keys.CreateUserWithKeyAsync(userId, userId, admin);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A new user's plaintext key.</summary>
    public async Task<string> CreateKeyAsync(string userId, bool admin = false) =>
        (await Services.GetRequiredService<ApiKeyService>().CreateUserWithKeyAsync(userId, userId, admin)).ApiKey;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!_ownsFolder) return;
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string CreatePostgresDatabase()
    {
        var admin = new NpgsqlConnectionStringBuilder(TestServers.Postgres());
        string name = "bt_local_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        admin.Database = name;
        admin.Pooling = true;
        return admin.ConnectionString;
    }
}
