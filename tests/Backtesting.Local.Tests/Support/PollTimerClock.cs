using Microsoft.Extensions.Time.Testing;

namespace Backtesting.Local.Tests.Support;

/// <summary>
/// A fake clock the test advances, counting the poll-interval timers streams create (one per wait), so a test can move the
/// clock exactly when a stream is waiting instead of sleeping.
/// </summary>
public sealed class PollTimerClock(TimeSpan pollInterval) : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(DateTimeOffset.UtcNow);
    private readonly SemaphoreSlim _created = new(0);
    private int _seen;
    private int _total;

    /// <summary>Poll-interval timers created so far: each is a stream waiting to read the store if its hub stays quiet.</summary>
    public int PollTimersCreated => Volatile.Read(ref _total);

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime == pollInterval)
        {
            Interlocked.Increment(ref _total);
            _created.Release();
        }
        return timer;
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> poll timers have been created in all.</summary>
    public async Task WaitForTimersAsync(int count)
    {
        while (_seen < count)
        {
            if (!await _created.WaitAsync(TimeSpan.FromSeconds(30))) throw new Xunit.Sdk.XunitException($"only {_seen} poll waits began, {count} expected");
            _seen++;
        }
    }

    public void Advance(TimeSpan by) => _fake.Advance(by);
}
