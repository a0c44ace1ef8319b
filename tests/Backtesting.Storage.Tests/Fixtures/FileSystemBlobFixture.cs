using Backtesting.Application.Ports;
using Backtesting.Storage.Blobs;

namespace Backtesting.Storage.Tests.Fixtures;

/// <summary>A fresh temporary folder.</summary>
public sealed class FileSystemBlobFixture : BlobFixture
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"backtesting-blobs-{Guid.NewGuid():N}");

    public override Task DisposeAsync()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    protected override Task<IBlobStore> CreateAsync() => Task.FromResult<IBlobStore>(new FileSystemBlobStore(Root));
}
