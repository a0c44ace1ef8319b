using Backtesting.Storage.Tests.Contracts;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Blobs;

public sealed class AzuriteBlobStoreTests(AzuriteFixture fixture) : BlobStoreContractTests<AzuriteFixture>(fixture)
{
    [Fact]
    public async Task PutAsync_SetsTheContentType()
    {
        await Fixture.Store.PutAsync("curves/typed.json", "{}"u8.ToArray(), "application/json");

        var properties = await Fixture.Container.GetBlobClient("curves/typed.json").GetPropertiesAsync();

        Assert.Equal("application/json", properties.Value.ContentType);
    }
}
