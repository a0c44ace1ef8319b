using Backtesting.Functions;
using Backtesting.Functions.Durable;
using Backtesting.Workflows.DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backtesting.Worker;

public static class WorkerServiceCollectionExtensions
{
    /// <summary>
    /// This process runs the Functions app's orchestrators and activities on the Azure Storage task hub of
    /// <c>Workflows:DurableTask</c> (after AddBacktestingServices and AddBacktestingFunctions).
    /// </summary>
    public static IServiceCollection AddBacktestingDurableTaskWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DurableTaskHubOptions>(configuration.GetSection(DurableTaskHubOptions.SectionName));
        services.AddSingleton<WorkerActivityCount>();
        services.AddSingleton<WorkerTaskHub>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerTaskHub>());
        services.AddDurableTaskWorker(worker => worker.UseGrpc());
        services.AddOptions<GrpcDurableTaskWorkerOptions>(Options.DefaultName).Configure<WorkerTaskHub>((o, hub) => o.Address = hub.Address);
        services.AddOptions<DurableTaskWorkerOptions>(Options.DefaultName).Configure<IOptions<DurableTaskHubOptions>>((o, hub) =>
        {
            if (hub.Value.MaxConcurrentActivities > 0) o.Concurrency.MaximumConcurrentActivityWorkItems = hub.Value.MaxConcurrentActivities;
        });
        services.AddOptions<DurableTaskRegistry>(Options.DefaultName).Configure<IServiceProvider>((registry, sp) =>
            registry.AddBacktestingFunctions(sp, sp.GetRequiredService<DurableTaskClient>, sp.GetRequiredService<WorkerActivityCount>().Record));
        // the [DurableClient] of functions that start orchestrations themselves (the scheduled launch)
        services.AddDurableTaskClient(client => client.UseGrpc());
        services.AddOptions<GrpcDurableTaskClientOptions>(Options.DefaultName).Configure<WorkerTaskHub>((o, hub) => o.Address = hub.Address);
        return services;
    }
}
