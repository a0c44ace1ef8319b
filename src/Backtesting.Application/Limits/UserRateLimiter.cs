using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Limits;

/// <summary>
/// Per-user fixed one-minute windows: up to <see cref="BacktestingLimits.RequestsPerMinutePerUser"/>
/// requests per window; beyond that <see cref="LimitExceededException"/> with the time to the next window.
/// Unauthenticated callers are counted the same way per client address
/// (<see cref="BacktestingLimits.UnauthenticatedRequestsPerMinutePerAddress"/>), so keys cannot be guessed at speed.
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
    public void Acquire(string userId) => Count("user:" + userId, limits.Value.RequestsPerMinutePerUser, "requests per minute", consume: true);

    /// <summary>Throws when the address has used up its unauthenticated requests this minute (checked before a key is looked at).</summary>
    public void ThrowIfAddressThrottled(IPAddress? address) =>
        Count(AddressKey(address), limits.Value.UnauthenticatedRequestsPerMinutePerAddress, "unauthenticated requests per minute from your address", consume: false);

    /// <summary>Counts one request that authenticated no one, refusing it when the address has used up its requests this minute.</summary>
    public void AcquireUnauthenticated(IPAddress? address) =>
        Count(AddressKey(address), limits.Value.UnauthenticatedRequestsPerMinutePerAddress, "unauthenticated requests per minute from your address", consume: true);

    /// <summary>Counts one request that authenticated no one (it is answered 401 anyway, so an exhausted limit is not an error here).</summary>
    public void CountUnauthenticated(IPAddress? address)
    {
        try
        {
            AcquireUnauthenticated(address);
        }
        catch (LimitExceededException)
        {
            // this request already answers 401; the next one from the address gets the 429
        }
    }

    private static string AddressKey(IPAddress? address) => "address:" + (address?.ToString() ?? "in-process");

    private void Count(string key, int limit, string what, bool consume)
    {
        if (limit <= 0) return;
        var now = time.GetUtcNow();
        long minute = now.ToUnixTimeSeconds() / 60;
        var window = _windows.GetOrAdd(key, _ => new Window { Minute = minute });
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
                throw new LimitExceededException("rate", $"rate limit of {limit} {what} exceeded; retry after {(int)Math.Ceiling(retry.TotalSeconds)} s", retry);
            }
            if (consume) window.Count++;
        }
    }
}
