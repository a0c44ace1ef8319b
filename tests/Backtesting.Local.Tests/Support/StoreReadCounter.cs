using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests.Support;

/// <summary>
/// Counts the user-scoped reads of each run or session (<c>GetAsync(userId, id, ct)</c> of the store <typeparamref name="TStore"/>)
/// made through the host's store, in all and per request that made them ("GET /api/sessions/ts-1/events").
/// </summary>
public sealed class StoreReadCounter<TStore> where TStore : class
{
    private readonly ConcurrentDictionary<string, int> _reads = new();
    private IHttpContextAccessor? _requests;

    /// <summary>Every read of <paramref name="id"/>.</summary>
    public int Of(string id) => _reads.TryGetValue(id, out int n) ? n : 0;

    /// <summary>The reads of <paramref name="id"/> made while serving <paramref name="request"/> ("METHOD /path").</summary>
    public int Of(string id, string request) => _reads.TryGetValue($"{id} {request}", out int n) ? n : 0;

    /// <summary>Wraps the <typeparamref name="TStore"/> registration so every call passes through the counter.</summary>
    public void Install(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        var original = services.Last(d => d.ServiceType == typeof(TStore));
        services.Remove(original);
        services.AddSingleton(sp =>
        {
            _requests = sp.GetRequiredService<IHttpContextAccessor>();
            var inner = (TStore)(original.ImplementationFactory?.Invoke(sp) ?? original.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!));
            var proxy = DispatchProxy.Create<TStore, CountingProxy>();
            ((CountingProxy)(object)proxy).Attach(inner, this);
            return proxy;
        });
    }

    private void Count(string id)
    {
        _reads.AddOrUpdate(id, 1, (_, n) => n + 1);
        if (_requests?.HttpContext?.Request is { } request)
            _reads.AddOrUpdate($"{id} {request.Method} {request.Path}", 1, (_, n) => n + 1);
    }

    /// <summary>Forwards every member to the real store, counting GetAsync(userId, id).</summary>
    public class CountingProxy : DispatchProxy
    {
        private TStore _inner = null!;
        private StoreReadCounter<TStore> _counter = null!;

        internal void Attach(TStore inner, StoreReadCounter<TStore> counter) => (_inner, _counter) = (inner, counter);

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name == "GetAsync" && args is [string, string id, ..])
                _counter.Count(id);
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
