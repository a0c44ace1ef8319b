using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Application.Users;
using Backtesting.Application.Workflows;
using Backtesting.Application.Workflows.Local;
using Backtesting.Engine.Data;
using Backtesting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backtesting.Http.Startup;

/// <summary>
/// Start-up of a self-contained process (the local host, the CLI's stdio MCP server): migrations and strategy
/// catalog, the local user when one is named, the bundled demo asset (GOOG daily bars) when no assets exist,
/// then, when the in-process runner is the workflow starter, the runner and the resume of unfinished jobs (a Durable
/// Task engine keeps and resumes its own). One sequence, so both processes open a
/// database the same way.
/// </summary>
public sealed class EmbeddedHostStartup(
    StorageInitializer storage, IMarketDataStore marketData, IMarketDataImporter importer,
    [FromKeyedServices(UserStoreKeys.KeyManagement)] IUserStore keyManagement, TimeProvider time,
    InProcessWorkflowRunner runner, UnfinishedRunResumer resumer, IWorkflowStarter starter, ILogger<EmbeddedHostStartup> logger)
{
    public const string DemoSymbol = "GOOG";

    /// <summary>The demo bars, copied next to the process's assembly by the projects that link samples/GOOG.csv.</summary>
    public static string DemoDataPath => Path.Combine(AppContext.BaseDirectory, "SampleData", "GOOG.csv");

    /// <param name="localUserId">A user to create (as admin) if missing, or null.</param>
    /// <param name="cancellationToken">Stops the start-up.</param>
    public async Task StartAsync(string? localUserId, CancellationToken cancellationToken)
    {
        var applied = await storage.InitializeAsync(cancellationToken);
        if (applied.Count > 0) logger.LogInformation("Applied migrations: {Scripts}", string.Join(", ", applied));
        if (localUserId is not null)
            // as the owner: the service role only reads users
            await new ApiKeyService(keyManagement, time).EnsureUserAsync(localUserId, "Local developer", isAdmin: true, cancellationToken);
        await SeedDemoAssetAsync(cancellationToken);
        if (!ReferenceEquals(starter, runner)) return;
        runner.Start();
        await resumer.ResumeAsync(cancellationToken);
    }

    public Task StopAsync() => runner.DisposeAsync().AsTask();

    private async Task SeedDemoAssetAsync(CancellationToken ct)
    {
        if ((await marketData.ListAssetsAsync(ct)).Count > 0) return;
        string path = DemoDataPath;
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
