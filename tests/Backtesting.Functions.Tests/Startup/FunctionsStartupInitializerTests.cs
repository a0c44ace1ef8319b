using Backtesting.Application.Ports;
using Backtesting.Functions.Http;
using Backtesting.Functions.Startup;
using Backtesting.Functions.Tests.Support;
using Backtesting.Http;
using Backtesting.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Backtesting.Functions.Tests.Startup;

/// <summary>An unreachable database at start-up must not stop the worker: health answers, start-up retries.</summary>
public sealed class FunctionsStartupInitializerTests
{
    [Fact]
    public async Task DatabaseFailingTwice_StartUpRetriesWithDoublingDelays_ThenSucceeds()
    {
        int calls = 0;
        var migrator = new Mock<IDatabaseMigrator>();
        migrator.Setup(m => m.MigrateAsync(It.IsAny<CancellationToken>())).Returns(() =>
            ++calls <= 2 ? Task.FromException<IReadOnlyList<string>>(new TimeoutException("server 10.0.0.5 did not answer")) : Task.FromResult<IReadOnlyList<string>>(["0001_x.sql"]));
        var catalog = new Mock<IStrategyCatalogStore>();
        var delays = new List<TimeSpan>();
        var logs = new CapturedLogs();
        var initializer = new FunctionsStartupInitializer(new StorageInitializer(migrator.Object, catalog.Object), new LoggerFactory([logs]).CreateLogger<FunctionsStartupInitializer>(),
            (delay, _) => { delays.Add(delay); return Task.CompletedTask; });

        await initializer.StartAsync(CancellationToken.None);
        await initializer.Initialized.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, calls);
        // 5 s after the first failure, doubled after the second
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)], delays);
        Assert.Equal(2, logs.Errors.Count(e => e.Contains("10.0.0.5", StringComparison.Ordinal)));
        catalog.Verify(c => c.UpsertAsync(It.IsAny<IEnumerable<Backtesting.Engine.Strategies.StrategyDefinition>>(), It.IsAny<CancellationToken>()), Times.Once);
        await initializer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task DelaysDouble_UpToFiveMinutes()
    {
        var delays = new List<TimeSpan>();
        using var stop = new CancellationTokenSource();
        var migrator = new Mock<IDatabaseMigrator>();
        migrator.Setup(m => m.MigrateAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("down"));
        var initializer = new FunctionsStartupInitializer(new StorageInitializer(migrator.Object, Mock.Of<IStrategyCatalogStore>()), NullLogger<FunctionsStartupInitializer>.Instance,
            (delay, _) => { delays.Add(delay); if (delays.Count == 9) stop.Cancel(); return Task.CompletedTask; });

        await initializer.StartAsync(stop.Token);
        await (initializer.ExecuteTask ?? Task.CompletedTask).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(30));

        // 5, 10, 20, 40, 80, 160 s, then 320 s capped at 300 s
        Assert.Equal(new[] { 5, 10, 20, 40, 80, 160, 300, 300, 300 }.Select(s => TimeSpan.FromSeconds(s)), delays);
        Assert.False(initializer.Initialized.IsCompleted);
    }

    [Fact]
    public async Task UnreachablePostgres_WorkerStartsAndHealthSays503DatabaseUnavailable_WithoutDetails()
    {
        var logs = new CapturedLogs();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            // nothing listens on port 1
            ["Storage:PostgresConnectionString"] = "Host=127.0.0.1;Port=1;Username=svc;Password=x;Database=backtesting;Timeout=2",
            ["Storage:BlobProvider"] = "FileSystem",
            ["Storage:BlobDirectory"] = Path.Combine(Path.GetTempPath(), "bt-startup-" + Guid.NewGuid().ToString("N")),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(Mock.Of<IHostApplicationLifetime>());
        services.AddBacktestingServices(configuration, Path.GetTempPath());
        services.AddBacktestingFunctions(configuration);
        await using var provider = services.BuildServiceProvider();
        var initializer = provider.GetServices<IHostedService>().OfType<FunctionsStartupInitializer>().Single();

        await initializer.StartAsync(CancellationToken.None);   // returns: the host goes on starting
        var request = new FunctionsAppFixture().Request("GET", "/api/health", authenticated: false);
        request.HttpContext.RequestServices = provider;
        var (status, body, _) = await FunctionsAppFixture.ExecuteAsync(request, await new HealthHttpFunction().GetAsync(request));
        await initializer.StopAsync(CancellationToken.None);

        Assert.Equal(503, status);
        Assert.Equal("unavailable", (string?)body!["database"]);
        Assert.DoesNotContain("127.0.0.1", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("err-", (string?)body["error"]);
        Assert.False(initializer.Initialized.IsCompleted);
        Assert.Contains(logs.Errors, e => e.Contains("Health check", StringComparison.Ordinal));
    }
}
