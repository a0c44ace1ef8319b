using System.Net;
using Backtesting.Application.Ports;
using Backtesting.Engine.Strategies;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>Server-side exception text (paths, internals) never reaches clients; they get a reference found in the log (issue 19 item 7).</summary>
public sealed class ExceptionTextTests
{
    private const string SecretPath = "/srv/backtesting/private/db.sqlite";

    [Fact]
    public async Task FailedRun_ErrorIsGenericWithAReference_DetailsAreLogged()
    {
        var logs = new CapturedLogs();
        RecordingBlobStore? blobs = null;
        using var factory = new LocalHostFactory(configureServices: services =>
        {
            RecordingBlobStore.Install(created => blobs = created)(services);
            logs.Install()(services);
        });
        var client = await factory.CreateUserClientAsync("failing");
        _ = factory.Services.GetRequiredService<IBlobStore>();
        blobs!.Fails = _ => true;

        var (_, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/backtests", ApiClient.GoogRequest(chunks: 2));
        var run = await client.WaitForTerminalAsync((string)body!["backtest_id"]!);

        Assert.Equal("failed", (string)run["status"]!);
        string error = (string)run["error"]!;
        Assert.DoesNotContain("injected failure", error);
        string reference = error.Split("reference ")[1].Split(')')[0];
        Assert.Matches("^err-[0-9a-f]{12}$", reference);
        Assert.Contains(logs.Entries, e => e.Contains(reference, StringComparison.Ordinal) && e.Contains("injected failure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_DatabaseFailure_Is503WithoutTheExceptionText()
    {
        var logs = new CapturedLogs();
        using var factory = new LocalHostFactory(configureServices: services =>
        {
            services.AddSingleton<IStrategyCatalogStore, BrokenCatalog>();
            logs.Install()(services);
        });

        var response = await factory.CreateClient().GetAsync("/api/health");
        string text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain(SecretPath, text);
        Assert.Contains("err-", text);
        Assert.Contains(logs.Entries, e => e.Contains(SecretPath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FileAccessDenied_Is500WithoutTheMessage_NotA403()
    {
        RecordingBlobStore? blobs = null;
        using var factory = new LocalHostFactory(configureServices: RecordingBlobStore.Install(created => blobs = created));
        var client = await factory.CreateUserClientAsync("denied");
        string id = await client.RunToCompletionAsync(ApiClient.GoogRequest());
        blobs!.ReadFailure = name => new UnauthorizedAccessException($"Access to the path '{SecretPath}/{name}' is denied.");

        var response = await client.GetAsync($"/api/backtests/{id}/results");
        string text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(SecretPath, text);
        Assert.DoesNotContain("denied", text);
    }

    private sealed class BrokenCatalog : IStrategyCatalogStore
    {
        public Task UpsertAsync(IEnumerable<StrategyDefinition> strategies, CancellationToken ct = default) => Task.CompletedTask;

        public Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken ct = default) =>
            throw new IOException($"unable to open database file {SecretPath}");
    }
}
