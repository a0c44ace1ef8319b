using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using Backtesting.Application.Users;

namespace Backtesting.Local.Startup;

/// <summary>
/// The start-up warm-up's throwaway copy of the local host: the same registrations, pipeline and routes
/// (<see cref="LocalHostExtensions"/>) over SQLite and a blob folder in its own directory, Kestrel on a free loopback port,
/// in-process runner, no schedule timer, no OTLP export, meters under their own names (<see cref="WarmupMeterFactory"/>),
/// warnings only into the real host's log (<see cref="WarmupLoggerProvider"/>). <see cref="Client"/> is a caller with its own key.
/// </summary>
internal sealed class WarmupHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WarmupHost(WebApplication app, HttpClient client) => (_app, Client) = (app, client);

    public HttpClient Client { get; }

    public static async Task<WarmupHost> StartAsync(IWebHostEnvironment environment, ILoggerFactory logs, string directory, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = environment.ApplicationName, EnvironmentName = environment.EnvironmentName, ContentRootPath = environment.ContentRootPath,
        });
        builder.Configuration.AddInMemoryCollection(Settings(directory));
        builder.Logging.ClearProviders().AddProvider(new WarmupLoggerProvider(logs));
        builder.AddLocalHostServices();
        builder.Services.AddSingleton<IMeterFactory, WarmupMeterFactory>();
        // the "urls" setting above only: endpoints of the real host's Kestrel section would collide with it
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Configure(new ConfigurationBuilder().Build()));
        var app = builder.Build();
        app.UseLocalHostPipeline();
        app.MapLocalHostEndpoints();
        HttpClient? client = null;
        try
        {
            await app.StartAsync(ct);
            var (_, key) = await app.Services.GetRequiredService<ApiKeyService>().CreateUserWithKeyAsync("warmup", "Start-up warm-up", isAdmin: false, ct: ct);
            client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return new WarmupHost(app, client);
        }
        catch
        {
            client?.Dispose();
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>What the throwaway host runs on, over whatever the real host's configuration files and environment say.</summary>
    private static Dictionary<string, string?> Settings(string directory) => new()
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = Path.Combine(directory, "warmup.db"),
        ["Storage:BlobProvider"] = "FileSystem",
        ["Storage:BlobDirectory"] = Path.Combine(directory, "blobs"),
        ["Storage:ApplyMigrations"] = "true",
        [LocalHostExtensions.WorkflowEngineSetting] = "InProcess",
        [$"{StartupWarmupOptions.SectionName}:{nameof(StartupWarmupOptions.Runs)}"] = "0",
        ["Backtesting:Schedules:LocalTickSeconds"] = "0",
        ["Backtesting:Auth:AllowLoopbackWithoutKey"] = "false",
        // the warm-up's own caller runs 16 at a time and polls: the real host's per-user limits would refuse it
        ["Backtesting:Limits:RequestsPerMinutePerUser"] = "100000000",
        ["Backtesting:Limits:MaxConcurrentJobsPerUser"] = "100000",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
        ["urls"] = "http://127.0.0.1:0",
        ["http_ports"] = "",
        ["https_ports"] = "",
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
