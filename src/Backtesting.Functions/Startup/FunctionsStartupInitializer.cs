using Backtesting.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backtesting.Functions.Startup;

/// <summary>
/// Worker start-up: applies pending migrations (where this host owns them) and syncs the strategy catalog. A database
/// that cannot be reached does not stop the worker: the failure is logged and the step retried with backoff, while
/// /api/health answers that the database is unavailable.
/// </summary>
public sealed class FunctionsStartupInitializer : BackgroundService
{
    /// <summary>The wait after the first failure; it doubles after each further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    private readonly StorageInitializer _storage;
    private readonly ILogger<FunctionsStartupInitializer> _logger;
    private readonly Func<TimeSpan, CancellationToken, Task> _wait;
    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FunctionsStartupInitializer(StorageInitializer storage, ILogger<FunctionsStartupInitializer> logger)
        : this(storage, logger, Task.Delay)
    {
    }

    /// <param name="storage">Migrations and the catalog sync.</param>
    /// <param name="logger">Receives each failure with its details.</param>
    /// <param name="wait">How a retry waits (tests record the delays instead of sleeping).</param>
    internal FunctionsStartupInitializer(StorageInitializer storage, ILogger<FunctionsStartupInitializer> logger, Func<TimeSpan, CancellationToken, Task> wait)
    {
        _storage = storage;
        _logger = logger;
        _wait = wait;
    }

    /// <summary>Completes once migrations and the catalog sync have succeeded.</summary>
    public Task Initialized => _initialized.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var applied = await _storage.InitializeAsync(stoppingToken).ConfigureAwait(false);
                if (applied.Count > 0) _logger.LogInformation("Applied migrations: {Scripts}", string.Join(", ", applied));
                _initialized.TrySetResult();
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogError(ex, "Storage start-up (migrations, strategy catalog) failed on attempt {Attempt}; retrying in {Delay}", attempt, delay);
            }
            await _wait(delay, stoppingToken).ConfigureAwait(false);
            delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
        }
    }
}
