using System.Text.Json.Nodes;
using Backtesting.Application;
using Backtesting.Application.Events;
using Backtesting.Functions.Durable;
using Backtesting.Functions.Http;
using Backtesting.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backtesting.Functions.Tests.Replay;

/// <summary>
/// The Functions app (real registrations over SQLite and blob folder) with its orchestrator and activity
/// functions running on DurableTask's in-process test host: a real worker that records history and replays
/// every orchestrator from it after each completed task. Next to it, the local host's shape: the same
/// registrations with the InProcessWorkflowRunner as the workflow starter, for results to compare.
/// </summary>
public sealed class DurableReplayFixture : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    public FunctionsAppFixture App { get; } = new(
        new Dictionary<string, string?>
        {
            // retries short enough for a test; the policy (attempts, which failures retry) is the production one
            ["Backtesting:Durable:ActivityFirstRetryInterval"] = "00:00:00.200",
            ["Backtesting:Durable:ActivityMaxRetryInterval"] = "00:00:01",
        },
        FaultInjectingBlobStore.Decorate, functions: true);

    public FunctionsAppFixture Local { get; } = new(
        new Dictionary<string, string?>(),
        services => services.AddInProcessWorkflowRunner(),
        functions: false);

    public DurableTaskTestHost Host { get; private set; } = null!;

    public DurableTaskClient Client => Host.Client;

    /// <summary>
    /// The services the registered functions are created from; each orchestrator function instance resolves
    /// <see cref="WorkflowOrchestration"/> once, so its count is the number of orchestrator executions.
    /// </summary>
    public CountingServiceProvider<WorkflowOrchestration> FunctionServices { get; private set; } = null!;

    public FaultInjectingBlobStore Blobs => App.Services.GetRequiredService<FaultInjectingBlobStore>();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(App.InitializeAsync(), Local.InitializeAsync());
        FunctionServices = new CountingServiceProvider<WorkflowOrchestration>(App.Services);
        Host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddBacktestingFunctions(FunctionServices, () => Host.Client),
            new DurableTaskTestHostOptions { LoggerFactory = App.Services.GetRequiredService<ILoggerFactory>() });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await App.DisposeAsync();
        await Local.DisposeAsync();
    }

    /// <summary>Calls a submitting HTTP function with the host's client; asserts 202 and returns the body.</summary>
    public async Task<JsonNode> SubmitAsync(string path, object body, Func<HttpRequest, DurableTaskClient, Task<IActionResult>> function)
    {
        var request = App.Request("POST", path, body);
        var (status, json, _) = await FunctionsAppFixture.ExecuteAsync(request, await function(request, Client));
        Assert.True(status == 202, $"POST {path} answered {status}: {json?.ToJsonString()}");
        return json!;
    }

    /// <summary>Waits for the instance to finish (no polling loop of our own: the client's wait).</summary>
    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Waits for the instance and asserts it completed, showing Durable's failure details if not.</summary>
    public async Task<OrchestrationMetadata> CompletedAsync(string instanceId)
    {
        var done = await CompletionAsync(instanceId);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"{instanceId} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorType} {done.FailureDetails?.ErrorMessage}\n{done.FailureDetails?.StackTrace}\n{string.Join("\n", App.Logs.Errors)}");
        return done;
    }

    /// <summary>Submits through the shared handler on the local shape, whose InProcessWorkflowRunner runs it; waits for the run's final event.</summary>
    public async Task<JsonNode> RunLocallyAsync<TResult>(string path, object body, Func<HttpContext, Task<TResult>> handler) where TResult : IResult
    {
        var request = Local.Request("POST", path, body);
        var (status, json, _) = await FunctionsAppFixture.ExecuteAsync(request, new ResultActionAdapter(await handler(request.HttpContext)));
        Assert.True(status == 202, $"local POST {path} answered {status}: {json?.ToJsonString()}");
        await FinalEventAsync(Local.Services.GetRequiredService<RunEventHub>(), (string)json!["backtest_id"]!);
        return json;
    }

    /// <summary>Waits for a run's final event (the hub remembers the last one, so a run already finished answers at once).</summary>
    private static async Task FinalEventAsync(RunEventHub hub, string runId)
    {
        using var subscription = hub.Subscribe(runId);
        if (hub.Last(runId) is { IsFinal: true }) return;
        using var timeout = new CancellationTokenSource(RunTimeout);
        await foreach (var runEvent in subscription.Events.ReadAllAsync(timeout.Token))
            if (runEvent.IsFinal) return;
    }

    /// <summary>GET through a shared handler (the functions are one call of it) on either shape.</summary>
    public static async Task<JsonNode> GetAsync<TResult>(FunctionsAppFixture app, string path, Func<HttpContext, Task<TResult>> handler, string? query = null) where TResult : IResult
    {
        var request = app.Request("GET", path, query: query);
        var (status, json, _) = await FunctionsAppFixture.ExecuteAsync(request, new ResultActionAdapter(await handler(request.HttpContext)));
        Assert.True(status == 200, $"GET {path} answered {status}: {json?.ToJsonString()}");
        return json!;
    }
}
