using Backtesting.Application.Ports;
using Backtesting.Engine.Strategies;
using Backtesting.Storage.Blobs;
using Backtesting.Storage.Caching;
using Backtesting.Storage.Sql;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddBacktestingStorage_SqliteAndFileSystem_ResolvesEveryPortAndInitializes()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"backtesting-di-{Guid.NewGuid():N}");
        try
        {
            var options = new StorageOptions { SqlitePath = Path.Combine(folder, "bt.db"), BlobDirectory = Path.Combine(folder, "blobs") };
            await using (var services = new ServiceCollection().AddBacktestingStorage(options).BuildServiceProvider())
            {
                var applied = await services.GetRequiredService<StorageInitializer>().InitializeAsync();
                var again = await services.GetRequiredService<StorageInitializer>().InitializeAsync();

                // every versioned SQLite script embedded in the storage assembly, once
                string prefix = typeof(StorageOptions).Assembly.GetName().Name + ".Migrations.Sqlite.";
                var embedded = typeof(StorageOptions).Assembly.GetManifestResourceNames()
                    .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && !n.StartsWith(prefix + "Always.", StringComparison.Ordinal))
                    .Select(n => n[prefix.Length..]).Order(StringComparer.Ordinal).ToList();
                Assert.NotEmpty(embedded);
                Assert.Equal(embedded, applied);
                Assert.Empty(again);
                Assert.Equal(StrategyCatalog.All.Count, (await services.GetRequiredService<IStrategyCatalogStore>().ListIdsAsync()).Count);
                Assert.IsType<CachedMarketDataStore>(services.GetRequiredService<IMarketDataStore>());
                Assert.IsType<FileSystemBlobStore>(services.GetRequiredService<IBlobStore>());
                Assert.NotNull(services.GetRequiredService<IRunStore>());
                Assert.NotNull(services.GetRequiredService<IJobJournal>());
                Assert.NotNull(services.GetRequiredService<IUserStore>());
                Assert.IsType<SqlScheduleStore>(services.GetRequiredService<IScheduleStore>());

                var asset = StorageFixture.NewAsset();
                var bars = TestBars.Daily(20);
                var store = services.GetRequiredService<IMarketDataStore>();
                await services.GetRequiredService<IMarketDataImporter>().ImportAsync(asset, "1d", TestBars.Daily(10));
                Assert.Equal(10, (await store.ReadBarsAsync(asset.Symbol, "1d", null, null))!.Count);
                await services.GetRequiredService<IMarketDataImporter>().ImportAsync(asset, "1d", bars);
                Assert.Equal(20, (await store.ReadBarsAsync(asset.Symbol, "1d", null, null))!.Count); // the import invalidated the cache
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AddBacktestingStorage_PostgresWithoutConnectionString_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddBacktestingStorage(
            new StorageOptions { Provider = DatabaseProvider.Postgres, BlobProvider = BlobProvider.Azure }));

        Assert.Contains("Storage:PostgresConnectionString", error.Message);
        Assert.Contains("Storage:BlobConnectionString or Storage:BlobServiceUri", error.Message);
    }

    [Fact]
    public void AddBacktestingStorage_CacheDisabled_RegistersTheUncachedStore()
    {
        var options = new StorageOptions { MarketDataCacheBars = 0, SqlitePath = Path.Combine(Path.GetTempPath(), $"bt-{Guid.NewGuid():N}.db") };
        using var services = new ServiceCollection().AddBacktestingStorage(options).BuildServiceProvider();

        Assert.IsNotType<CachedMarketDataStore>(services.GetRequiredService<IMarketDataStore>());
    }
}
