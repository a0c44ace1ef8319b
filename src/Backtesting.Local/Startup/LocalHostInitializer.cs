using Backtesting.Http;
using Backtesting.Http.Startup;
using Microsoft.Extensions.Options;

namespace Backtesting.Local.Startup;

/// <summary>
/// Start-up of the local host: <see cref="EmbeddedHostStartup"/>, with the local user of local-development mode.
/// </summary>
public sealed class LocalHostInitializer(EmbeddedHostStartup startup, IOptions<ApiKeyAuthenticationOptions> auth, ILogger<LocalHostInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string? localUser = auth.Value.AllowLoopbackWithoutKey ? auth.Value.LocalUserId : null;
        await startup.StartAsync(localUser, cancellationToken);
        if (localUser is not null)
            logger.LogWarning("Local-development mode: keyless requests from loopback act as user '{User}'", localUser);
    }

    public Task StopAsync(CancellationToken cancellationToken) => startup.StopAsync();
}
