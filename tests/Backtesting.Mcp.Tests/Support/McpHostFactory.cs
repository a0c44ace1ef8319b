using Backtesting.Tests.Shared;
using Backtesting.Application.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Mcp.Tests.Support;

/// <summary>
/// The real local host (its /mcp endpoint included) over SQLite and a blob folder in a fresh temp folder,
/// with API keys required; it seeds the demo asset GOOG at start-up.
/// </summary>
public sealed class McpHostFactory : WebApplicationFactory<Backtesting.Local.Startup.LocalHostInitializer>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bt-mcp-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    public McpHostFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        Directory.CreateDirectory(_folder);
        _configureServices = configureServices;
        _settings = new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(_folder, "test.db"),
            ["Storage:BlobDirectory"] = Path.Combine(_folder, "blobs"),
            ["Backtesting:Auth:AllowLoopbackWithoutKey"] = "false",
            ["Backtesting:Warmup:Runs"] = "0", // no start-up warm-up: 200 runs through a throwaway host per test host
            ["Backtesting:Limits:RequestsPerMinutePerUser"] = "1000000",
            ["Backtesting:Limits:UnauthenticatedRequestsPerMinutePerAddress"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(MidMinuteRateLimiter.Install);
        if (_configureServices is not null)
            builder.ConfigureServices(_configureServices);
    }

    /// <summary>A new user and its plaintext API key.</summary>
    public async Task<string> CreateKeyAsync(string userId) =>
        (await Services.GetRequiredService<ApiKeyService>().CreateUserWithKeyAsync(userId, userId, isAdmin: false)).ApiKey;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
