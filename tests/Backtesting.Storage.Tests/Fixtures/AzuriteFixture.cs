using Azure;
using Azure.Storage.Blobs;
using Backtesting.Application.Ports;
using Backtesting.Storage.Blobs;

namespace Backtesting.Storage.Tests.Fixtures;

/// <summary>A fresh container with a random name in the Azurite (or Azure) account of BACKTESTING_TEST_AZURITE; deleted afterwards.</summary>
public sealed class AzuriteFixture : BlobFixture
{
    private BlobContainerClient? _container;

    public BlobContainerClient Container => _container ?? throw new InvalidOperationException("fixture not initialized");

    public override async Task DisposeAsync()
    {
        if (_container is not null)
            await _container.DeleteIfExistsAsync();
    }

    protected override async Task<IBlobStore> CreateAsync()
    {
        string connectionString = TestEnvironment.AzuriteConnectionString();
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        var service = new BlobServiceClient(connectionString, options);
        var container = service.GetBlobContainerClient($"bt-test-{Guid.NewGuid():N}");
        try
        {
            await container.CreateIfNotExistsAsync();
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException or TaskCanceledException)
        {
            throw new InvalidOperationException(
                $"Azurite not reachable at {service.Uri}: run `bash tests/run.sh`, which starts it, or set {TestEnvironment.AzuriteVariable} " +
                $"to the blob connection string of a running Azurite. ({ex.Message})", ex);
        }
        _container = container;
        return new AzureBlobStore(container);
    }
}
