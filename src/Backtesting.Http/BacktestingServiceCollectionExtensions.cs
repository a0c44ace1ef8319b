using Backtesting.Application;
using Backtesting.Application.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.Schedules;
using Backtesting.Http.Startup;
using Backtesting.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backtesting.Http;

/// <summary>The one registration both hosts (local and Functions) call: use cases, storage from configuration, scheduled optimizations, authentication.</summary>
public static class BacktestingServiceCollectionExtensions
{
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">Sections "Storage", "Backtesting:Limits" and "Backtesting:Auth".</param>
    /// <param name="contentRoot">Relative storage paths (SQLite file, blob folder) are resolved against this folder.</param>
    public static IServiceCollection AddBacktestingServices(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddBacktestingApplication();
        services.Configure<BacktestingLimits>(configuration.GetSection(BacktestingLimits.SectionName));
        services.Configure<ApiKeyAuthenticationOptions>(configuration.GetSection(ApiKeyAuthenticationOptions.SectionName));
        services.Configure<Application.Users.ApiKeyCacheOptions>(configuration.GetSection(Application.Users.ApiKeyCacheOptions.SectionName));
        services.AddBacktestingStorage(ReadStorageOptions(configuration, contentRoot));
        // After storage, so its SQL schedule store is the one used (the blob store is only a fallback).
        services.AddBacktestingSchedules();
        services.TryAddSingleton<ApiKeyAuthentication>();
        // the handlers' typed results (and the local host's OpenAPI document) use the host's JSON options: make them the wire format,
        // with the run views' generated contracts first (issue 17: no reflection metadata on the per-run path)
        services.ConfigureHttpJsonOptions(o => { WorkflowJson.ApplyTo(o.SerializerOptions); o.SerializerOptions.TypeInfoResolverChain.Insert(0, Responses.RunResponsesJsonContext.Default); });
        return services;
    }

    /// <summary>
    /// A self-contained process (the local host, the CLI's stdio MCP server): the in-process workflow runner,
    /// <see cref="EmbeddedHostStartup"/>, which a hosted service of the process runs, and sessions written only here.
    /// </summary>
    public static IServiceCollection AddEmbeddedHost(this IServiceCollection services)
    {
        services.AddInProcessWorkflowRunner();
        // every session write is served by this process and reaches its hub: session streams need not read the store
        services.TryAddSingleton<Application.Events.ILocalSessions, Application.Sessions.InProcessSessions>();
        services.TryAddSingleton<EmbeddedHostStartup>();
        return services;
    }

    public static StorageOptions ReadStorageOptions(IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        return options with
        {
            SqlitePath = Path.GetFullPath(options.SqlitePath, contentRoot),
            BlobDirectory = Path.GetFullPath(options.BlobDirectory, contentRoot),
        };
    }
}
