using Backtesting.Application.Ports;

namespace Backtesting.Storage.Blobs;

/// <summary>
/// <see cref="IBlobStore"/> as files under a root folder (the embedded default). Writes go to a
/// temporary file first and are renamed into place, so a reader never sees half a blob.
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private readonly string _root;

    public FileSystemBlobStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        _root = Path.GetFullPath(rootDirectory);
    }

    public async Task<string> PutAsync(string name, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default)
    {
        string path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            // the whole blob is in memory: one positional write through the handle, no FileStream buffer to allocate and copy through
            using (var file = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.Asynchronous))
                await RandomAccess.WriteAsync(file, content, 0, ct);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return name;
    }

    public async Task<byte[]?> GetAsync(string name, CancellationToken ct = default)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(name), ct);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<bool> DeleteAsync(string name, CancellationToken ct = default)
    {
        string path = PathOf(name);
        if (!File.Exists(path))
            return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    public Task<int> DeleteFolderAsync(string folder, CancellationToken ct = default)
    {
        string path = PathOf(folder);
        if (!Directory.Exists(path))
            return Task.FromResult(0);
        int deleted = 0;
        // File by file: a writer may be renaming a new blob in meanwhile; its temporary files go too.
        foreach (string file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            if (!File.Exists(file))
                continue;
            File.Delete(file);
            if (!file.EndsWith(".tmp", StringComparison.Ordinal))
                deleted++;
        }
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or DirectoryNotFoundException)
        {
            // a file arrived after the listing, or another caller removed the folder: empty folders are harmless
        }
        return Task.FromResult(deleted);
    }

    private string PathOf(string name)
    {
        BlobNames.Validate(name);
        return Path.Combine(_root, name.Replace('/', Path.DirectorySeparatorChar));
    }
}
