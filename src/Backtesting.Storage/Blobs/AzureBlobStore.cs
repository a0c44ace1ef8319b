using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Backtesting.Application.Ports;

namespace Backtesting.Storage.Blobs;

/// <summary><see cref="IBlobStore"/> as block blobs in one container (Azure Blob Storage, or Azurite locally); the container is created on first use.</summary>
public sealed class AzureBlobStore(BlobContainerClient container) : IBlobStore
{
    private volatile Task? _containerReady;

    public BlobContainerClient Container { get; } = container;

    public async Task<string> PutAsync(string name, ReadOnlyMemory<byte> content, string contentType = "application/octet-stream", CancellationToken ct = default)
    {
        BlobNames.Validate(name);
        await EnsureContainerAsync();
        await Container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
        }, ct);
        return name;
    }

    public async Task<byte[]?> GetAsync(string name, CancellationToken ct = default)
    {
        BlobNames.Validate(name);
        try
        {
            var download = await Container.GetBlobClient(name).DownloadContentAsync(ct);
            return download.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken ct = default)
    {
        BlobNames.Validate(name);
        try
        {
            var deleted = await Container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: ct);
            return deleted.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false; // the container itself does not exist yet
        }
    }

    public async Task<int> DeleteFolderAsync(string folder, CancellationToken ct = default)
    {
        BlobNames.Validate(folder);
        var names = new List<string>();
        try
        {
            await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = folder + "/" }, ct))
                names.Add(blob.Name);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0; // the container itself does not exist yet
        }
        // A research run may leave thousands of batch blobs: delete them a few dozen requests at a time.
        int deleted = 0;
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (name, token) =>
        {
            if ((await Container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: token)).Value)
                Interlocked.Increment(ref deleted);
        });
        return deleted;
    }

    // Created once; a failed attempt (e.g. Azurite not started yet) is retried by the next call.
    private Task EnsureContainerAsync()
    {
        var ready = _containerReady;
        if (ready is null || ready.IsFaulted || ready.IsCanceled)
            _containerReady = ready = Container.CreateIfNotExistsAsync();
        return ready;
    }
}
