using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Limits;

/// <summary>
/// Per-user fixed one-minute windows: up to <see cref="BacktestingLimits.RequestsPerMinutePerUser"/>
/// requests per window; beyond that <see cref="LimitExceededException"/> with the time to the next window.
/// </summary>
public sealed class UserRateLimiter(IOptions<BacktestingLimits> limits, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    private sealed class Window
    {
        public long Minute;
        public int Count;
    }

    /// <summary>Counts one request; throws when the user is over the limit.</summary>
    public void Acquire(string userId)
    {
        int limit = limits.Value.RequestsPerMinutePerUser;
        if (limit <= 0) return;
        var now = time.GetUtcNow();
        long minute = now.ToUnixTimeSeconds() / 60;
        var window = _windows.GetOrAdd(userId, _ => new Window { Minute = minute });
        lock (window)
        {
            if (window.Minute != minute)
            {
                window.Minute = minute;
                window.Count = 0;
            }
            if (window.Count >= limit)
            {
                var retry = TimeSpan.FromSeconds((minute + 1) * 60 - now.ToUnixTimeSeconds());
                throw new LimitExceededException("rate", $"rate limit of {limit} requests per minute exceeded; retry after {(int)Math.Ceiling(retry.TotalSeconds)} s", retry);
            }
            window.Count++;
        }
    }
}
