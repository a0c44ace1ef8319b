using Backtesting.Application.Backtests;
using Backtesting.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Mcp.Tests.Support;

/// <summary>
/// Holds every chunk equity write (one per simulated chunk) until the test lets it through, so a run is
/// exactly as far along as the test decides: still running when a short wait ends, stopped midway for a
/// cancel, one chunk further per progress notification. No timing is assumed.
/// </summary>
public sealed class GatedBlobStore(IBlobStore inner) : IBlobStore
{
    private readonly SemaphoreSlim _permits = new(0);

    /// <summary>Lets <paramref name="writes"/> more chunk writes through.</summary>
    public void Allow(int writes = 1) => _permits.Release(writes);

    public async Task<string> PutAsync(string name, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default)
    {
        if (name.Contains("/chunks/", StringComparison.Ordinal) && name.EndsWith(".eqc", StringComparison.Ordinal))
            await _permits.WaitAsync(ct);
        return await inner.PutAsync(name, content, contentType, ct);
    }

    public Task<byte[]?> GetAsync(string name, CancellationToken ct = default) => inner.GetAsync(name, ct);

    public Task<bool> DeleteAsync(string name, CancellationToken ct = default) => inner.DeleteAsync(name, ct);

    public Task<int> DeleteFolderAsync(string folder, CancellationToken ct = default) => inner.DeleteFolderAsync(folder, ct);

    /// <summary>Replaces the IBlobStore registration with a gated one around it; <paramref name="created"/> receives it.</summary>
    public static Action<IServiceCollection> Install(Action<GatedBlobStore> created) => services =>
    {
        // chunks hand over through blobs (as on Durable workers), so each simulated chunk is a blob write to watch
        services.Configure<ChunkHandOverOptions>(o => o.InProcess = false);
        var original = services.Last(d => d.ServiceType == typeof(IBlobStore));
        services.Remove(original);
        services.AddSingleton<IBlobStore>(sp =>
        {
            var gated = new GatedBlobStore(
                (IBlobStore)(original.ImplementationFactory?.Invoke(sp) ?? original.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
            created(gated);
            return gated;
        });
    };
}
