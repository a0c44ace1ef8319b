using Backtesting.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests.Support;

/// <summary>Wraps the registered blob store: counts writes by name prefix and can slow them down.</summary>
public sealed class BlobStoreDecorator(IBlobStore inner, TimeSpan delay) : IBlobStore
{
    private int _chunkWrites;

    public int ChunkWrites => _chunkWrites;

    public async Task<string> PutAsync(string name, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default)
    {
        if (name.Contains("/chunks/", StringComparison.Ordinal) && name.EndsWith(".eqc", StringComparison.Ordinal)) Interlocked.Increment(ref _chunkWrites);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, ct);
        return await inner.PutAsync(name, content, contentType, ct);
    }

    public Task<byte[]?> GetAsync(string name, CancellationToken ct = default) => inner.GetAsync(name, ct);

    public Task<bool> DeleteAsync(string name, CancellationToken ct = default) => inner.DeleteAsync(name, ct);

    /// <summary>Replaces the IBlobStore registration with a decorator around it.</summary>
    public static Action<IServiceCollection> Install(TimeSpan delay, Action<BlobStoreDecorator> created) => services =>
    {
        var original = services.Last(d => d.ServiceType == typeof(IBlobStore));
        services.Remove(original);
        services.AddSingleton<IBlobStore>(sp =>
        {
            var inner = (IBlobStore)(original.ImplementationFactory?.Invoke(sp) ?? original.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!));
            var decorator = new BlobStoreDecorator(inner, delay);
            created(decorator);
            return decorator;
        });
    };
}
