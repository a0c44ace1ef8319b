using Backtesting.Application.Ports;
using Backtesting.Storage.Blobs;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Storage.Tests.Postgres;

/// <summary>The production composition: PostgreSQL with separate service and owner roles, blobs in Azure (Azurite).</summary>
public sealed class PostgresStorageRegistrationTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task AddBacktestingStorage_PostgresAndAzure_ImportsAsOwnerReadsAsService()
    {
        var options = new StorageOptions
        {
            Provider = DatabaseProvider.Postgres,
            PostgresConnectionString = fixture.ServiceConnectionString,
            PostgresOwnerConnectionString = fixture.OwnerConnectionString,
            BlobProvider = BlobProvider.Azure,
            BlobConnectionString = TestEnvironment.AzuriteConnectionString(),
            BlobContainer = $"bt-di-{Guid.NewGuid():N}",
        };
        await using var services = new ServiceCollection().AddBacktestingStorage(options).BuildServiceProvider();

        var applied = await services.GetRequiredService<StorageInitializer>().InitializeAsync();
        var asset = StorageFixture.NewAsset();
        await services.GetRequiredService<IMarketDataImporter>().ImportAsync(asset, "1d", TestBars.Daily(15));
        var bars = await services.GetRequiredService<IMarketDataStore>().ReadBarsAsync(asset.Symbol, "1d", null, null);
        var blobs = services.GetRequiredService<IBlobStore>();
        await blobs.PutAsync("curves/di.bin", new byte[] { 4, 2 });

        Assert.Empty(applied); // the fixture migrated already
        Assert.Equal(15, bars!.Count);
        Assert.Equal([4, 2], await blobs.GetAsync("curves/di.bin"));
        await ((AzureBlobStore)blobs).Container.DeleteAsync();
    }
}
