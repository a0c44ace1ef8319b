using Backtesting.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backtesting.Functions.Startup;

/// <summary>Worker start-up: applies pending migrations and syncs the strategy catalog before functions run.</summary>
public sealed class FunctionsStartupInitializer(StorageInitializer storage, ILogger<FunctionsStartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        if (applied.Count > 0) logger.LogInformation("Applied migrations: {Scripts}", string.Join(", ", applied));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
