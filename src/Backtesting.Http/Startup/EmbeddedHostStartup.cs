using Backtesting.Application.Ports;
using Backtesting.Application.Users;
using Backtesting.Application.Workflows;
using Backtesting.Application.Workflows.Local;
using Backtesting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backtesting.Http.Startup;

/// <summary>
/// Start-up of a self-contained process (the local host, the CLI's stdio MCP server): migrations and strategy
/// catalog, the local user when one is named, each of the <see cref="DemoAssets"/> that is missing,
/// then, when the in-process runner is the workflow starter, the runner and the resume of unfinished jobs (a Durable
/// Task engine keeps and resumes its own). One sequence, so both processes open a
/// database the same way.
/// </summary>
public sealed class EmbeddedHostStartup(
    StorageInitializer storage, IMarketDataStore marketData, IMarketDataImporter importer,
    [FromKeyedServices(UserStoreKeys.KeyManagement)] IUserStore keyManagement, TimeProvider time,
    InProcessWorkflowRunner runner, UnfinishedRunResumer resumer, IWorkflowStarter starter, ILogger<EmbeddedHostStartup> logger)
{
    /// <param name="localUserId">A user to create (as admin) if missing, or null.</param>
    /// <param name="cancellationToken">Stops the start-up.</param>
    public async Task StartAsync(string? localUserId, CancellationToken cancellationToken)
    {
        var applied = await storage.InitializeAsync(cancellationToken);
        if (applied.Count > 0) logger.LogInformation("Applied migrations: {Scripts}", string.Join(", ", applied));
        if (localUserId is not null)
            // as the owner: the service role only reads users
            await new ApiKeyService(keyManagement, time).EnsureUserAsync(localUserId, "Local developer", isAdmin: true, cancellationToken);
        await SeedDemoAssetsAsync(cancellationToken);
        if (!ReferenceEquals(starter, runner)) return;
        runner.Start();
        await resumer.ResumeAsync(cancellationToken);
    }

    public Task StopAsync() => runner.DisposeAsync().AsTask();

    private async Task SeedDemoAssetsAsync(CancellationToken ct)
    {
        var existing = (await marketData.ListAssetsAsync(ct)).Select(a => a.Symbol).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var demo in DemoAssets.All.Where(d => !existing.Contains(d.Asset.Symbol)))
        {
            if (demo.LoadBars() is not { } bars)
            {
                logger.LogWarning("Demo data of {Symbol} not found; not seeded", demo.Asset.Symbol);
                continue;
            }
            long rows = await importer.ImportAsync(demo.Asset, demo.Timeframe, bars, ct);
            logger.LogInformation("Seeded demo asset {Symbol} with {Rows} {Timeframe} bars", demo.Asset.Symbol, rows, demo.Timeframe);
        }
    }
}
