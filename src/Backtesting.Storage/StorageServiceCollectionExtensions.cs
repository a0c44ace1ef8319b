using Azure.Identity;
using Azure.Storage.Blobs;
using Backtesting.Application.Ports;
using Backtesting.Storage.Blobs;
using Backtesting.Storage.Caching;
using Backtesting.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backtesting.Storage;

/// <summary>Registers every storage port for the configured backends.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IRunStore"/>, <see cref="IJobJournal"/>, <see cref="IUserStore"/> (and, keyed <see cref="UserStoreKeys.KeyManagement"/>, over the owner role),
    /// <see cref="IStrategyCatalogStore"/>, <see cref="IUserStrategyStore"/>, <see cref="IScheduleStore"/>, <see cref="ITradingSessionStore"/>, <see cref="IMarketDataStore"/> (cached),
    /// <see cref="IMarketDataImporter"/>, <see cref="IDatabaseMigrator"/>, <see cref="IBlobStore"/>
    /// and <see cref="StorageInitializer"/> (hosts call it at start-up).
    /// </summary>
    public static IServiceCollection AddBacktestingStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("invalid storage options: " + string.Join("; ", errors), nameof(options));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(_ => new StorageDatabases(options));
        services.AddSingleton(sp => sp.GetRequiredService<StorageDatabases>().Migrator);
        services.AddSingleton<IRunStore>(sp => new SqlRunStore(Service(sp), Clock(sp)));
        services.AddSingleton<IJobJournal>(sp => new SqlJobJournal(Service(sp), Clock(sp)));
        services.AddSingleton<IUserStore>(sp => new SqlUserStore(Service(sp), Clock(sp)));
        services.AddKeyedSingleton<IUserStore>(UserStoreKeys.KeyManagement, (sp, _) => new SqlUserStore(sp.GetRequiredService<StorageDatabases>().Owner, Clock(sp)));
        services.AddSingleton<IStrategyCatalogStore>(sp => new SqlStrategyCatalogStore(Service(sp), Clock(sp)));
        services.AddSingleton<IUserStrategyStore>(sp => new SqlUserStrategyStore(Service(sp)));
        // Hosts add storage before AddBacktestingSchedules, whose interim blob store is only a TryAdd fallback.
        services.AddSingleton<IScheduleStore>(sp => new SqlScheduleStore(Service(sp)));
        services.AddSingleton<ITradingSessionStore>(sp => new SqlTradingSessionStore(Service(sp)));

        if (options.MarketDataCacheBars > 0)
        {
            services.AddSingleton(sp => new CachedMarketDataStore(
                new SqlMarketDataStore(Service(sp)), new MarketDataCacheOptions(options.MarketDataCacheBars, options.MarketDataCacheMaxAge), Clock(sp)));
            services.AddSingleton<IMarketDataStore>(sp => sp.GetRequiredService<CachedMarketDataStore>());
            services.AddSingleton<IMarketDataImporter>(sp => new CacheInvalidatingMarketDataImporter(
                new SqlMarketDataImporter(sp.GetRequiredService<StorageDatabases>().Owner, Clock(sp)), sp.GetRequiredService<CachedMarketDataStore>()));
        }
        else
        {
            services.AddSingleton<IMarketDataStore>(sp => new SqlMarketDataStore(Service(sp)));
            services.AddSingleton<IMarketDataImporter>(sp => new SqlMarketDataImporter(sp.GetRequiredService<StorageDatabases>().Owner, Clock(sp)));
        }

        services.AddSingleton<IBlobStore>(_ => CreateBlobStore(options));
        services.AddSingleton<StorageInitializer>();
        return services;
    }

    private static IBlobStore CreateBlobStore(StorageOptions options)
    {
        if (options.BlobProvider == BlobProvider.FileSystem)
            return new FileSystemBlobStore(options.BlobDirectory);
        var service = !string.IsNullOrWhiteSpace(options.BlobConnectionString)
            ? new BlobServiceClient(options.BlobConnectionString)
            : new BlobServiceClient(options.BlobServiceUri, new DefaultAzureCredential());
        return new AzureBlobStore(service.GetBlobContainerClient(options.BlobContainer));
    }

    private static SqlDatabase Service(IServiceProvider services) => services.GetRequiredService<StorageDatabases>().Service;

    private static TimeProvider Clock(IServiceProvider services) => services.GetRequiredService<TimeProvider>();
}
