using Backtesting.Engine.Validation;
using Microsoft.DurableTask;

namespace Backtesting.Functions.Durable;

/// <summary>Retry options for activity calls: transient failures retry with backoff, deterministic ones fail at once.</summary>
public static class DurableRetryPolicies
{
    public static TaskOptions ForActivities(DurableOptions options)
    {
        if (options.ActivityMaxAttempts <= 1) return new TaskOptions();
        var policy = new RetryPolicy(
            options.ActivityMaxAttempts,
            options.ActivityFirstRetryInterval,
            options.ActivityBackoffCoefficient,
            options.ActivityMaxRetryInterval)
        {
            HandleFailure = IsTransient,
        };
        return TaskOptions.FromRetryPolicy(policy);
    }

    /// <summary>
    /// False for failures that would fail again with the same input (bad input, missing run, payload too
    /// large); true for everything else (database, storage and network errors).
    /// </summary>
    public static bool IsTransient(TaskFailureDetails failure) =>
        !(failure.IsCausedBy<ValidationException>()
          || failure.IsCausedBy<ArgumentException>()
          || failure.IsCausedBy<InvalidOperationException>()
          || failure.IsCausedBy<FormatException>()
          || failure.IsCausedBy<NotSupportedException>()
          || failure.IsCausedBy<System.Text.Json.JsonException>());
}
