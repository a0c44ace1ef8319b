using Backtesting.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Functions.Tests.Support;

/// <summary>
/// The app's real blob store with a hook before every write and after every delete, so a test can make an
/// activity fail (transiently or for good) or hold it mid-run, through the same port production uses.
/// </summary>
public sealed class FaultInjectingBlobStore(IBlobStore inner) : IBlobStore
{
    /// <summary>Runs before each PutAsync with the blob name; may throw or wait.</summary>
    public Func<string, Task>? BeforePut { get; set; }

    /// <summary>Runs after each DeleteAsync with the blob name.</summary>
    public Action<string>? AfterDelete { get; set; }

    public async Task<string> PutAsync(string name, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default)
    {
        if (BeforePut is { } hook) await hook(name);
        return await inner.PutAsync(name, content, contentType, ct);
    }

    public Task<byte[]?> GetAsync(string name, CancellationToken ct = default) => inner.GetAsync(name, ct);

    public async Task<bool> DeleteAsync(string name, CancellationToken ct = default)
    {
        bool deleted = await inner.DeleteAsync(name, ct);
        AfterDelete?.Invoke(name);
        return deleted;
    }

    public Task<int> DeleteFolderAsync(string folder, CancellationToken ct = default) => inner.DeleteFolderAsync(folder, ct);

    /// <summary>Replaces the registered IBlobStore with this decorator over it.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IBlobStore));
        services.Remove(registered);
        services.Add(ServiceDescriptor.Singleton(sp => new FaultInjectingBlobStore(
            registered.ImplementationInstance as IBlobStore
            ?? (IBlobStore?)registered.ImplementationFactory?.Invoke(sp)
            ?? (IBlobStore)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
        services.Add(ServiceDescriptor.Singleton<IBlobStore>(sp =>
            sp.GetRequiredService<FaultInjectingBlobStore>()));
    }
}
