using Backtesting.Application.Limits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Backtesting.Tests.Shared;

/// <summary>
/// Replaces the host's rate limiter with one whose clock stands still in the middle of a minute. The limiter
/// counts in fixed one-minute windows, so a test's requests that straddled a minute boundary on the wall clock
/// would land in two windows and the expected 429 would not come. Linked into each host test project.
/// </summary>
internal static class MidMinuteRateLimiter
{
    public static readonly DateTimeOffset Now = new(2026, 1, 5, 12, 0, 30, TimeSpan.Zero);

    public static void Install(IServiceCollection services)
    {
        services.RemoveAll<UserRateLimiter>();
        services.AddSingleton(sp => new UserRateLimiter(sp.GetRequiredService<IOptions<BacktestingLimits>>(), new StoppedClock()));
    }

    private sealed class StoppedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
