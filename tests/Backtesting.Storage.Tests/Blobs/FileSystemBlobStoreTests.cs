using Backtesting.Storage.Tests.Contracts;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Blobs;

public sealed class FileSystemBlobStoreTests(FileSystemBlobFixture fixture) : BlobStoreContractTests<FileSystemBlobFixture>(fixture)
{
    [Fact]
    public async Task PutAsync_WritesUnderTheRootFolder_LeavingNoTemporaryFiles()
    {
        await Fixture.Store.PutAsync("curves/on-disk.bin", new byte[] { 7 });

        Assert.Equal([7], await File.ReadAllBytesAsync(Path.Combine(Fixture.Root, "curves", "on-disk.bin")));
        Assert.Empty(Directory.GetFiles(Fixture.Root, "*.tmp", SearchOption.AllDirectories));
    }
}
