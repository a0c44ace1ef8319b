using Backtesting.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Mcp.Tests.Support;

/// <summary>Delays every blob write, so each chunk of a run takes a while and a run can be watched or cancelled midway.</summary>
public sealed class SlowBlobStore(IBlobStore inner, TimeSpan delay) : IBlobStore
{
    public async Task<string> PutAsync(string name, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default)
    {
        await Task.Delay(delay, ct);
        return await inner.PutAsync(name, content, contentType, ct);
    }

    public Task<byte[]?> GetAsync(string name, CancellationToken ct = default) => inner.GetAsync(name, ct);

    public Task<bool> DeleteAsync(string name, CancellationToken ct = default) => inner.DeleteAsync(name, ct);

    public Task<int> DeleteFolderAsync(string folder, CancellationToken ct = default) => inner.DeleteFolderAsync(folder, ct);

    /// <summary>Replaces the IBlobStore registration with a slow one around it.</summary>
    public static Action<IServiceCollection> Install(TimeSpan delay) => services =>
    {
        var original = services.Last(d => d.ServiceType == typeof(IBlobStore));
        services.Remove(original);
        services.AddSingleton<IBlobStore>(sp => new SlowBlobStore(
            (IBlobStore)(original.ImplementationFactory?.Invoke(sp) ?? original.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)),
            delay));
    };
}
