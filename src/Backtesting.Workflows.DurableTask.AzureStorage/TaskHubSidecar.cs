using System.Net;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backtesting.Workflows.DurableTask.AzureStorage;

/// <summary>
/// The DurableTask gRPC endpoint over a DurableTask.Core backend, on a loopback port of this process: the
/// Microsoft.DurableTask worker and client speak to it exactly as an isolated Functions worker speaks to the
/// Functions host's Durable extension. <see cref="TaskHubGrpcServerMode.ApiServerAndDispatcher"/> also fetches work
/// items from the backend for the one worker connected; <see cref="TaskHubGrpcServerMode.ApiServerOnly"/> serves a
/// client alone (start, query, terminate).
/// </summary>
public sealed class TaskHubSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TaskHubSidecar(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        Channel = channel;
    }

    public GrpcChannel Channel { get; }

    public static async Task<TaskHubSidecar> StartAsync(
        IOrchestrationService service, IOrchestrationServiceClient client, TaskHubGrpcServerMode mode, ILoggerFactory loggerFactory, int port = 0, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        // port 0: the system picks a free one, read back below (several workers on one machine must not collide)
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(client);
        builder.Services.Configure<TaskHubGrpcServerOptions>(o => o.Mode = mode);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(ct).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TaskHubSidecar(app, GrpcChannel.ForAddress(address));
    }

    /// <summary>A loopback port free now, for a sidecar whose address its worker must know before it starts.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Channel.ShutdownAsync().ConfigureAwait(false);
        Channel.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
