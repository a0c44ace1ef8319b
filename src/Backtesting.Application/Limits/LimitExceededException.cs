namespace Backtesting.Application.Limits;

/// <summary>A per-user limit was hit; hosts answer 429 with Retry-After when <see cref="RetryAfter"/> is known.</summary>
public sealed class LimitExceededException(string limit, string message, TimeSpan? retryAfter = null) : Exception(message)
{
    /// <summary>Which limit: "rate" or "concurrency".</summary>
    public string Limit { get; } = limit;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
