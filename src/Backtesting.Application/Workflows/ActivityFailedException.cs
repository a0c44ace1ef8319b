namespace Backtesting.Application.Workflows;

/// <summary>An activity failed; runners wrap the underlying failure so workflows see one exception type everywhere.</summary>
public sealed class ActivityFailedException(string activityName, string message, Exception? inner = null)
    : Exception($"{activityName} failed: {message}", inner)
{
    public string ActivityName { get; } = activityName;

    /// <summary>The failure's own message, without the activity prefix.</summary>
    public string FailureMessage { get; } = message;
}
