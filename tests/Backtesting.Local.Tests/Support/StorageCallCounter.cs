using System.Collections.Concurrent;
using System.Reflection;
using Backtesting.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests.Support;

/// <summary>
/// Counts every call the host makes to its run store, job journal, blob store and user store (by "Port.Method"), forwarding
/// each to the registered implementation: the per-run budget of store round trips and blob operations is asserted as counts.
/// </summary>
public sealed class StorageCallCounter
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    /// <summary>Called with the port and method name before each call is forwarded (e.g. to inject a step).</summary>
    public Action<string, object?[]>? Before { get; set; }

    /// <summary>The calls counted so far, e.g. "IRunStore.CompleteAsync" -> 1 (methods never called are absent).</summary>
    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_calls);

    public void Reset() => _calls.Clear();

    /// <summary>Wraps the IRunStore, IJobJournal, IBlobStore, IUserStrategyStore, IMarketDataStore (the cached one the application reads) and (unkeyed: the one requests authenticate with) IUserStore registrations so that every call passes through this counter.</summary>
    public Action<IServiceCollection> Install() => services =>
    {
        Wrap<IRunStore>(services);
        Wrap<IJobJournal>(services);
        Wrap<IBlobStore>(services);
        Wrap<IUserStore>(services);
        Wrap<IUserStrategyStore>(services);
        Wrap<IMarketDataStore>(services);
        services.AddSingleton(this);
    };

    private void Wrap<T>(IServiceCollection services) where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T) && !d.IsKeyedService);
        services.Remove(original);
        services.AddSingleton(sp =>
        {
            var inner = (T)(original.ImplementationFactory?.Invoke(sp) ?? original.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!));
            var proxy = DispatchProxy.Create<T, CountingProxy<T>>();
            ((CountingProxy<T>)(object)proxy).Attach(inner, this);
            return proxy;
        });
    }

    /// <summary>Forwards every member to the real implementation, counting it first.</summary>
    public class CountingProxy<T> : DispatchProxy where T : class
    {
        private T _inner = null!;
        private StorageCallCounter _counter = null!;

        internal void Attach(T inner, StorageCallCounter counter) => (_inner, _counter) = (inner, counter);

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            string name = $"{typeof(T).Name}.{method!.Name}";
            _counter._calls.AddOrUpdate(name, 1, (_, n) => n + 1);
            _counter.Before?.Invoke(name, args ?? []);
            try
            {
                return method.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
                throw;
            }
        }
    }
}
