using System.Reflection;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backtesting.Worker.Tests;

/// <summary>The worker's gRPC connection to its in-process sidecar, as configured by the host's registration.</summary>
public sealed class WorkerOptionsTests
{
    [Fact]
    public async Task SilentDisconnectDetection_IsOff_BecauseTheInProcessSidecarSendsNoHealthPings()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddBacktestingDurableTaskWorker(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<GrpcDurableTaskWorkerOptions>>().Get(Options.DefaultName);

        // the SDK keeps the setting on its internal options (default 120 s; non-positive disables the watchdog)
        object internalOptions = typeof(GrpcDurableTaskWorkerOptions).GetProperty("Internal", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!
            .GetValue(options)!;
        var timeout = (TimeSpan)internalOptions.GetType().GetProperty("SilentDisconnectTimeout")!.GetValue(internalOptions)!;
        Assert.True(timeout <= TimeSpan.Zero, $"silent-disconnect timeout is {timeout}; the worker would reconnect after that long without work");
    }
}
