using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Backtesting.Mcp.Tests.Support;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Backtesting.Mcp.Tests;

/// <summary>Long runs: progress notifications, waiting, cancellation; and the per-user limits the REST API has too.</summary>
public sealed class ProgressAndLimitsTests
{
    private sealed class CollectingProgress(Action? onReport = null) : IProgress<ProgressNotificationValue>
    {
        public ConcurrentQueue<ProgressNotificationValue> Values { get; } = new();

        /// <summary>Completes when the 100 % notification arrives (notifications can trail the tool's response).</summary>
        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Report(ProgressNotificationValue value)
        {
            Values.Enqueue(value);
            onReport?.Invoke();
            if (value.Progress >= 100) Finished.TrySetResult();
        }
    }

    [Fact]
    public async Task RunBacktest_WithProgressToken_SendsIncreasingProgressNotificationsThenTheResults()
    {
        GatedBlobStore? blobs = null;
        using var factory = new McpHostFactory(configureServices: GatedBlobStore.Install(b => blobs = b));
        await using var client = await McpConnections.ConnectAsync(factory, await factory.CreateKeyAsync("carol"));
        // one chunk per notification: the first (0 %) lets chunk 1 through, its 20 % lets chunk 2 through, and so on
        var progress = new CollectingProgress(() => blobs!.Allow());
        // collected for the client's lifetime: the handler CallToolAsync registers for its IProgress is removed when the
        // call returns, and the client may dispatch a notification sent just before the answer after it (lost at random)
        await using var collecting = client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (notification, _) =>
        {
            var sent = JsonSerializer.Deserialize<ProgressNotificationParams>(notification.Params, McpJsonUtilities.DefaultOptions)!;
            progress.Report(sent.Progress);
            return ValueTask.CompletedTask;
        });

        // an IProgress only to give the request a progress token
        var result = await client.CallToolAsync("run_backtest", GoogReference.Arguments(waitSeconds: 60, chunks: 5), new Progress<ProgressNotificationValue>());

        var answer = ToolAnswer.From(result);
        Assert.False(answer.IsError, answer.Text);
        GoogReference.AssertMatches(answer.Resources[1].Json);
        // notifications can trail the response on the stream: wait for the last one, not for a fixed time
        await progress.Finished.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var values = progress.Values.ToArray();
        Assert.True(values.Length == 6, $"{values.Length} progress notifications; expected 0 % and one per chunk: {string.Join(", ", values.Select(v => v.Progress))}");
        Assert.All(values, v => Assert.Equal(100, v.Total));
        Assert.All(values.Zip(values.Skip(1)), pair => Assert.True(pair.Second.Progress > pair.First.Progress, "progress must increase"));
        Assert.Equal(100, values[^1].Progress);
        Assert.Contains(values, v => v.Message?.Contains("trades") == true);
    }

    [Fact]
    public async Task GetBacktestStatus_WaitingWithProgressToken_OnARunThatHasEnded_ReportsItsEndOnce()
    {
        // the TypeScript client's streamProgress asks this after run_backtest: a run that ended in between must still be
        // reported (it was not, and the client saw no progress at all, once in ~30 CI runs)
        using var factory = new McpHostFactory();
        await using var client = await McpConnections.ConnectAsync(factory, await factory.CreateKeyAsync("heidi"));
        var run = ToolAnswer.From(await client.CallToolAsync("run_backtest", GoogReference.Arguments(waitSeconds: 60)));
        string id = (string)run.Resources[0].Json["backtest_id"]!;
        Assert.Equal("completed", (string)run.Resources[0].Json["status"]!);
        var progress = new CollectingProgress();
        await using var collecting = client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (notification, _) =>
        {
            progress.Report(JsonSerializer.Deserialize<ProgressNotificationParams>(notification.Params, McpJsonUtilities.DefaultOptions)!.Progress);
            return ValueTask.CompletedTask;
        });

        var status = ToolAnswer.From(await client.CallToolAsync("get_backtest_status",
            new Dictionary<string, object?> { ["backtest_id"] = id, ["wait_seconds"] = 30 }, new Progress<ProgressNotificationValue>()));

        Assert.False(status.IsError, status.Text);
        await progress.Finished.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var only = Assert.Single(progress.Values);
        Assert.Equal(100, only.Progress);
        Assert.Equal(100, only.Total);
    }

    [Fact]
    public async Task RunBacktest_WaitShorterThanTheRun_AnswersRunningAndTheRunCanBeCancelled()
    {
        // no chunk write is let through: the run cannot finish within the wait, and is cancelled midway
        using var factory = new McpHostFactory(configureServices: GatedBlobStore.Install(_ => { }));
        await using var client = await McpConnections.ConnectAsync(factory, await factory.CreateKeyAsync("dave"));

        var started = ToolAnswer.From(await client.CallToolAsync("run_backtest", GoogReference.Arguments(waitSeconds: 1, chunks: 20)));
        string id = (string)started.Resources[0].Json["backtest_id"]!;
        var cancelled = ToolAnswer.From(await client.CallToolAsync("cancel_backtest", new Dictionary<string, object?> { ["backtest_id"] = id }));
        var results = ToolAnswer.From(await client.CallToolAsync("get_backtest_results", new Dictionary<string, object?> { ["backtest_id"] = id }));

        Assert.False(started.IsError, started.Text);
        Assert.Contains("did not finish within 1 s", started.Text);
        Assert.Contains((string)started.Resources[0].Json["status"]!, new[] { "pending", "running" });
        Assert.Single(started.Resources);
        Assert.Equal($"Backtest {id} cancelled.", cancelled.Text);
        Assert.Equal("cancelled", (string)cancelled.Resource($"backtest://{id}")["status"]!);
        Assert.True(results.IsError);
        Assert.Contains("was cancelled", results.Text);
    }

    [Fact]
    public async Task RunBacktest_OverTheConcurrentJobLimit_IsErrorNamingTheLimit()
    {
        using var factory = new McpHostFactory(
            new Dictionary<string, string?> { ["Backtesting:Limits:MaxConcurrentJobsPerUser"] = "1" },
            GatedBlobStore.Install(_ => { })); // the first run holds at its first chunk: still running when the second comes
        await using var client = await McpConnections.ConnectAsync(factory, await factory.CreateKeyAsync("erin"));

        var first = ToolAnswer.From(await client.CallToolAsync("run_backtest", GoogReference.Arguments(waitSeconds: 0, chunks: 20)));
        var second = ToolAnswer.From(await client.CallToolAsync("run_backtest", GoogReference.Arguments(waitSeconds: 0)));

        Assert.False(first.IsError, first.Text);
        Assert.True(second.IsError);
        Assert.Contains("concurrency limit", second.Text);
        Assert.Contains("the limit is 1", second.Text);
        Assert.Contains("Retry after", second.Text);
    }

    [Fact]
    public async Task RequestsOverTheRateLimit_Are429WithRetryAfter_PerUser()
    {
        using var factory = new McpHostFactory(new Dictionary<string, string?> { ["Backtesting:Limits:RequestsPerMinutePerUser"] = "3" });
        string frank = await factory.CreateKeyAsync("frank");
        string grace = await factory.CreateKeyAsync("grace");
        var http = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 4; i++)
            statuses.Add((await RawMcp.PostAsync(http, RawMcp.Initialize, frank)).Status);
        var (limited, message, response) = await RawMcp.PostAsync(http, RawMcp.Initialize, frank);
        var (other, _, _) = await RawMcp.PostAsync(http, RawMcp.Initialize, grace);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("rate limit of 3 requests per minute", (string)message!["error"]!["message"]!);
        Assert.Equal(HttpStatusCode.OK, other);
    }

    [Fact]
    public async Task WrongKeys_FromOneAddress_AreThrottledBeforeTheKeyIsChecked()
    {
        using var factory = new McpHostFactory(new Dictionary<string, string?> { ["Backtesting:Limits:UnauthenticatedRequestsPerMinutePerAddress"] = "3" });
        string key = await factory.CreateKeyAsync("heidi");
        var http = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 4; i++)
            statuses.Add((await RawMcp.PostAsync(http, RawMcp.Initialize, $"btk_guess-{i}")).Status);
        var (right, message, response) = await RawMcp.PostAsync(http, RawMcp.Initialize, key);

        // 3 failures answer 401; then the address gets 429, a right key included (it is not looked at)
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, right);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("3 unauthenticated requests per minute", (string)message!["error"]!["message"]!);
    }

    [Fact]
    public async Task BodyOverTheSizeLimit_Is413()
    {
        using var factory = new McpHostFactory(new Dictionary<string, string?> { ["Backtesting:Limits:MaxRequestBodyBytes"] = "4096" });
        string key = await factory.CreateKeyAsync("heidi");
        string body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"validate_strategy","arguments":{"strategy_config":{"strategy_id":"PAD"}}}}"""
            .Replace("PAD", new string('x', 5000), StringComparison.Ordinal);

        var (status, message, _) = await RawMcp.PostAsync(factory.CreateClient(), body, key);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("4096 bytes", (string)message!["error"]!["message"]!);
    }
}
