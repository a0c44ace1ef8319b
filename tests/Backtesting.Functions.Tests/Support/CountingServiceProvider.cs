namespace Backtesting.Functions.Tests.Support;

/// <summary>The app's services, counting how often <typeparamref name="T"/> is resolved (e.g. once per orchestrator episode).</summary>
public sealed class CountingServiceProvider<T>(IServiceProvider inner) : IServiceProvider
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(T)) Interlocked.Increment(ref _count);
        return inner.GetService(serviceType);
    }
}
