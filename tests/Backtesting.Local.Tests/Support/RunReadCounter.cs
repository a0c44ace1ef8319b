using System.Collections.Concurrent;
using System.Reflection;
using Backtesting.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests.Support;

/// <summary>Counts the user-scoped reads of each run (<see cref="IRunStore.GetAsync"/>) made through the host's run store.</summary>
public sealed class RunReadCounter
{
    private readonly ConcurrentDictionary<string, int> _reads = new();

    public int Of(string runId) => _reads.TryGetValue(runId, out int n) ? n : 0;

    /// <summary>Wraps the IRunStore registration so every call passes through the counter.</summary>
    public void Install(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IRunStore));
        services.Remove(original);
        services.AddSingleton(sp =>
        {
            var inner = (IRunStore)(original.ImplementationFactory?.Invoke(sp) ?? original.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!));
            var proxy = DispatchProxy.Create<IRunStore, CountingProxy>();
            ((CountingProxy)(object)proxy).Attach(inner, this);
            return proxy;
        });
    }

    /// <summary>Forwards every member to the real store, counting GetAsync(userId, runId).</summary>
    public class CountingProxy : DispatchProxy
    {
        private IRunStore _inner = null!;
        private RunReadCounter _counter = null!;

        internal void Attach(IRunStore inner, RunReadCounter counter) => (_inner, _counter) = (inner, counter);

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(IRunStore.GetAsync) && args is [string, string runId, ..])
                _counter._reads.AddOrUpdate(runId, 1, (_, n) => n + 1);
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
