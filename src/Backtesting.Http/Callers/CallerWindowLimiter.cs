using System.Threading.RateLimiting;
using Backtesting.Application.Limits;

namespace Backtesting.Http.Callers;

/// <summary>
/// One partition (a user, or an unauthenticated client address) of the ASP.NET Core rate limiter, counted by
/// <see cref="UserRateLimiter"/>: its one-minute windows are the rule the Functions app applies too.
/// </summary>
internal sealed class CallerWindowLimiter(Action acquire) : RateLimiter
{
    /// <summary>Lease metadata carrying the <see cref="LimitExceededException"/> of a refusal (limit, message, retry time).</summary>
    public const string RefusalMetadata = "backtesting.refusal";

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        try
        {
            acquire();
            return Granted.Instance;
        }
        catch (LimitExceededException refusal)
        {
            return new Refused(refusal);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    private sealed class Refused(LimitExceededException refusal) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => refusal.RetryAfter is null ? [RefusalMetadata] : [RefusalMetadata, MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == RefusalMetadata ? refusal : metadataName == MetadataName.RetryAfter.Name ? refusal.RetryAfter : null;
            return metadata is not null;
        }
    }
}
