using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Events;
using Backtesting.Application.Users;
using Backtesting.Local.Startup;
using Backtesting.Workflows.DurableTask.AzureStorage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Worker.Tests.Support;

/// <summary>
/// The real local host over SQLite and a blob folder in <paramref name="folder"/>, with the given extra settings (named by a type
/// of its assembly: <c>Program</c> is ambiguous beside the Functions app's).
/// </summary>
public sealed class LocalHost(string folder, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<LocalHostInitializer>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);
    private HttpClient? _client;

    public static Dictionary<string, string> Storage(string folder) => new()
    {
        ["Storage:SqlitePath"] = Path.Combine(folder, "backtesting.db"),
        ["Storage:BlobDirectory"] = Path.Combine(folder, "blobs"),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Storage(folder)) builder.UseSetting(key, value);
        builder.UseSetting("Backtesting:Auth:AllowLoopbackWithoutKey", "false");
        builder.UseSetting("Backtesting:Schedules:LocalTickSeconds", "0");
        builder.UseSetting("Backtesting:Warmup:Runs", "0"); // no start-up warm-up: 200 runs through a throwaway host per test host
        builder.UseSetting("Backtesting:Limits:RequestsPerMinutePerUser", "1000000");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    /// <summary>A client of an admin user with its own key (created once).</summary>
    public async Task<HttpClient> ApiAsync()
    {
        if (_client is not null) return _client;
        var (_, key) = await Services.GetRequiredService<ApiKeyService>().CreateUserWithKeyAsync("worker-tests", "worker tests", isAdmin: true);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return _client = client;
    }

    /// <summary>POSTs a job, asserts 202 and returns its run id.</summary>
    public async Task<string> SubmitAsync(string path, object body)
    {
        var response = await (await ApiAsync()).PostAsJsonAsync(path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 202, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return (string)JsonNode.Parse(text)!["backtest_id"]!;
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        var response = await (await ApiAsync()).GetAsync(path);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 200, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>In-process runs: waits for the run's final event (the hub remembers the last one).</summary>
    public async Task FinishedInProcessAsync(string runId)
    {
        var hub = Services.GetRequiredService<RunEventHub>();
        using var subscription = hub.Subscribe(runId);
        if (hub.Last(runId) is { IsFinal: true }) return;
        using var timeout = new CancellationTokenSource(RunTimeout);
        await foreach (var runEvent in subscription.Events.ReadAllAsync(timeout.Token))
            if (runEvent.IsFinal) return;
    }

    /// <summary>Durable runs: waits for the orchestration (instance id = run id) through the host's task hub client.</summary>
    public async Task FinishedOnTaskHubAsync(string runId)
    {
        var client = Services.GetRequiredService<TaskHubClientConnection>().Client;
        using var timeout = new CancellationTokenSource(RunTimeout);
        var done = await client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, timeout.Token);
        Assert.True(done.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed,
            $"{runId} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorType} {done.FailureDetails?.ErrorMessage}\n{done.FailureDetails?.StackTrace}");
    }

    protected override void Dispose(bool disposing)
    {
        _client?.Dispose();
        base.Dispose(disposing);
    }
}
