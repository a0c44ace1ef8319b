namespace Backtesting.Application.Ports;

/// <summary>
/// Named binary objects: full equity curves, per-cell tables and workflow payloads too large to
/// travel inline. Azure Blob Storage (Azurite locally) or a folder on disk.
/// </summary>
public interface IBlobStore
{
    /// <summary>Writes (or overwrites) a blob and returns its reference, e.g. "curves/bt-123.bin".</summary>
    Task<string> PutAsync(string name, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default);

    /// <summary>The blob's bytes, or null when it does not exist.</summary>
    Task<byte[]?> GetAsync(string name, CancellationToken ct = default);

    Task<bool> DeleteAsync(string name, CancellationToken ct = default);

    /// <summary>
    /// Deletes every blob under <paramref name="folder"/> (names starting with folder + "/", e.g. "runs/bt-123")
    /// and returns how many there were; a missing folder is zero.
    /// </summary>
    Task<int> DeleteFolderAsync(string folder, CancellationToken ct = default);
}
