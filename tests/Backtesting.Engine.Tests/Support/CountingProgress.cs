namespace Backtesting.Engine.Tests.Support;

/// <summary>An <see cref="IProgress{T}"/> that adds up what it hears, from any thread, synchronously (unlike <see cref="Progress{T}"/>).</summary>
public sealed class CountingProgress : IProgress<int>
{
    private long _total;
    private int _reports;

    /// <summary>The sum of every report.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>How many reports arrived.</summary>
    public int Reports => Volatile.Read(ref _reports);

    public void Report(int value)
    {
        Assert.True(value > 0, $"a progress report of {value} units");
        Interlocked.Add(ref _total, value);
        Interlocked.Increment(ref _reports);
    }
}
