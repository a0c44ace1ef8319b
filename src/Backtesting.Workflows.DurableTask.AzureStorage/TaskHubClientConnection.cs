using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backtesting.Workflows.DurableTask.AzureStorage;

/// <summary>
/// A client of the Azure Storage task hub for a process that runs no orchestrations (the local host with
/// <c>Workflows:Engine=DurableTask</c>, tests): its own API-only sidecar, so it depends on no worker process
/// being up; whichever worker holds the partition runs what it starts.
/// </summary>
public sealed class TaskHubClientConnection(IOptions<DurableTaskHubOptions> options, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private TaskHubSidecar? _sidecar;
    private DurableTaskClient? _client;

    public DurableTaskClient Client => _client ?? throw new InvalidOperationException("the task hub client is not started yet (TaskHubClientConnection.StartAsync)");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        AzureStorageOrchestrationService service = await AzureStorageTaskHub.OpenAsync(settings, loggerFactory, cancellationToken).ConfigureAwait(false);
        _sidecar = await TaskHubSidecar.StartAsync(service, service, TaskHubGrpcServerMode.ApiServerOnly, loggerFactory, ct: cancellationToken).ConfigureAwait(false);
        _client = new GrpcDurableTaskClient(settings.TaskHub, new GrpcDurableTaskClientOptions { Channel = _sidecar.Channel }, loggerFactory.CreateLogger<GrpcDurableTaskClient>());
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _client, null) is { } client) await client.DisposeAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _sidecar, null) is { } sidecar) await sidecar.DisposeAsync().ConfigureAwait(false);
    }
}
