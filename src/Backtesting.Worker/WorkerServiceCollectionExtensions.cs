using Backtesting.Functions;
using Backtesting.Functions.Durable;
using Backtesting.Workflows.DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.DurableTask.Worker.Grpc.Internal;
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
        // The in-process sidecar sends no health pings, so a worker without work for the SDK's silent-disconnect window
        // (120 s) reconnected, and work items the sidecar had already dispatched on the old stream stayed invisible
        // in Azure Storage until their 5-minute lease ran out (a two-worker grid stalled that long under load). The
        // sidecar lives in this process: a dead stream here is a dead process, so the watchdog has nothing to find.
        services.Configure<GrpcDurableTaskWorkerOptions>(Options.DefaultName, o => o.SetSilentDisconnectTimeout(TimeSpan.Zero));
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
