using DurableTask.AzureStorage;
using Backtesting.Workflows.DurableTask.AzureStorage;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backtesting.Worker;

/// <summary>
/// The worker's end of the task hub: creates the Azure Storage hub when missing and serves it on a loopback gRPC
/// sidecar that fetches orchestration and activity work items for this process's DurableTask worker. Registered
/// before the worker so it starts first and stops last (the sidecar lets running work items finish).
/// </summary>
public sealed class WorkerTaskHub(IOptions<DurableTaskHubOptions> options, ILoggerFactory loggerFactory, ILogger<WorkerTaskHub> logger) : IHostedService, IAsyncDisposable
{
    private readonly int _port = TaskHubSidecar.FreeLoopbackPort();
    private TaskHubSidecar? _sidecar;

    /// <summary>Known before start, so the worker and client options can name it when they are built.</summary>
    public string Address => $"http://127.0.0.1:{_port}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        AzureStorageOrchestrationService service = await AzureStorageTaskHub.OpenAsync(settings, loggerFactory, cancellationToken).ConfigureAwait(false);
        _sidecar = await TaskHubSidecar.StartAsync(new PlainHistoryOrchestrationService(service), service, TaskHubGrpcServerMode.ApiServerAndDispatcher, loggerFactory, _port, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Worker {WorkerId} serves task hub {TaskHub} ({Partitions} partitions) at {Address}",
            settings.EffectiveWorkerId, settings.TaskHub, settings.PartitionCount, Address);
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _sidecar, null) is { } sidecar) await sidecar.DisposeAsync().ConfigureAwait(false);
    }
}
