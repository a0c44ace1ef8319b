using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Application.Users;
using Backtesting.Application.Workflows;
using Backtesting.Application.Workflows.Local;
using Backtesting.Engine.Data;
using Backtesting.Http;
using Backtesting.Storage;
using Microsoft.Extensions.Options;

namespace Backtesting.Local.Startup;

/// <summary>
/// Start-up of the local host: migrations and strategy catalog, the local user in development mode,
/// the bundled demo asset (GOOG daily bars) when no assets exist, then the runner and the resume of
/// unfinished jobs when the in-process runner is the workflow starter (Durable Task keeps and resumes its own).
/// </summary>
public sealed class LocalHostInitializer(
    StorageInitializer storage, IMarketDataStore marketData, IMarketDataImporter importer, ApiKeyService keys,
    IOptions<ApiKeyAuthenticationOptions> auth, InProcessWorkflowRunner runner, UnfinishedRunResumer resumer, IWorkflowStarter starter,
    ILogger<LocalHostInitializer> logger) : IHostedService
{
    public const string DemoSymbol = "GOOG";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await storage.InitializeAsync(cancellationToken);
        if (applied.Count > 0) logger.LogInformation("Applied migrations: {Scripts}", string.Join(", ", applied));
        if (auth.Value.AllowLoopbackWithoutKey)
        {
            await keys.EnsureUserAsync(auth.Value.LocalUserId, "Local developer", isAdmin: true, cancellationToken);
            logger.LogWarning("Local-development mode: keyless requests from loopback act as user '{User}'", auth.Value.LocalUserId);
        }
        await SeedDemoAssetAsync(cancellationToken);
        if (!ReferenceEquals(starter, runner)) return;
        runner.Start();
        await resumer.ResumeAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => runner.DisposeAsync().AsTask();

    private async Task SeedDemoAssetAsync(CancellationToken ct)
    {
        if ((await marketData.ListAssetsAsync(ct)).Count > 0) return;
        string path = Path.Combine(AppContext.BaseDirectory, "SampleData", "GOOG.csv");
        if (!File.Exists(path))
        {
            logger.LogWarning("Demo data {Path} not found; no asset seeded", path);
            return;
        }
        await using var file = File.OpenRead(path);
        long rows = await importer.ImportAsync(new Asset(DemoSymbol, "Alphabet Inc. (demo daily bars 2004-2013)"), "1d", CsvBarReader.Read(file), ct);
        logger.LogInformation("Seeded demo asset {Symbol} with {Rows} daily bars", DemoSymbol, rows);
    }
}
