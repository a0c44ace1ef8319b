using System.Collections.Concurrent;
using Backtesting.Application.Ports;

namespace Backtesting.Functions.Tests.Support;

internal sealed class InMemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new();

    public Task<string> PutAsync(string name, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default)
    {
        _blobs[name] = content.ToArray();
        return Task.FromResult(name);
    }

    public Task<byte[]?> GetAsync(string name, CancellationToken ct = default) => Task.FromResult(_blobs.TryGetValue(name, out var b) ? b : null);

    public Task<bool> DeleteAsync(string name, CancellationToken ct = default) => Task.FromResult(_blobs.TryRemove(name, out _));

    public Task<int> DeleteFolderAsync(string folder, CancellationToken ct = default) =>
        Task.FromResult(_blobs.Keys.Where(k => k.StartsWith(folder + "/", StringComparison.Ordinal)).Count(k => _blobs.TryRemove(k, out _)));
}
