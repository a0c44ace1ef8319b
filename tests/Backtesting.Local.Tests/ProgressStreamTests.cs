using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Backtesting.Application.Events;
using Backtesting.Application.Ports;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Backtesting.Local.Tests.Support.WebSocketMessages;

namespace Backtesting.Local.Tests;

public sealed class ProgressStreamTests
{
    [Fact]
    public async Task ServerSentEvents_ArriveInOrderAndEndWithComplete()
    {
        // one chunk per progress event the stream delivers: the run cannot finish before the stream is open
        using var permits = new SemaphoreSlim(0);
        using var factory = new LocalHostFactory(configureServices: RecordingBlobStore.Install(b => b.Hold = (name, ct) => ChunkGate(permits, name, ct)));
        var client = await factory.CreateUserClientAsync("sse");
        var (_, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/backtests", ApiClient.GoogRequest(chunks: 20));
        string id = (string)body!["backtest_id"]!;

        using var reader = new StreamReader(await client.GetStreamAsync($"/api/backtests/{id}/events"));
        var events = await ServerSentEventReader.ReadUntilAsync(reader, "backtest_complete", () => permits.Release());

        Assert.Equal("completed", (string)events[^1].Data["status"]!);
        Assert.Equal(63341.19136, (double)events[^1].Data["metrics"]!["final_capital"]!, 1e-5);
        var progress = events.Where(e => e.Type == "backtest_progress").Select(e => (double)e.Data["progress"]!).ToList();
        Assert.True(progress.Count >= 21, $"only {progress.Count} progress events: 0 % and one per chunk expected");
        Assert.Equal(progress.OrderBy(p => p), progress);
        Assert.All(events.Where(e => e.Type == "backtest_progress"), e => Assert.Equal(id, (string)e.Data["backtestId"]!));

        // the live completion, field by field as the platform's clients read it: camelCase id, no error (absent, not null),
        // the first trades exactly as the trades page shows them and the count of all stored ones (46 closed + 1 open)
        var complete = events[^1].Data;
        Assert.Equal(["backtestId", "status", "metrics", "equity_curve", "trades", "total_trades_stored"], complete.AsObject().Select(p => p.Key));
        Assert.Equal(id, (string)complete["backtestId"]!);
        var page = await client.GetJsonAsync($"/api/backtests/{id}/trades?limit=100");
        Assert.Equal(47, (int)page["total"]!);
        Assert.Equal(47, (int)complete["total_trades_stored"]!);
        Assert.True(JsonNode.DeepEquals(page["items"], complete["trades"]), "the message's trades differ from GET /trades");
        Assert.Equal(46, (int)complete["metrics"]!["total_trades"]!);

        // every event of the live stream is one of the messages the OpenAPI document gives for the route
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var schema = document["paths"]!["/api/backtests/{id}/events"]!["get"]!["responses"]!["200"]!["content"]!["text/event-stream"]!["schema"]!;
        var mismatches = events
            .SelectMany(e => new OpenApiSchemaChecker(document).Check(new JsonObject { ["type"] = e.Type, ["data"] = e.Data.DeepClone() }, schema).Select(problem => $"{e.Type}: {problem}"))
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task ServerSentEvents_WithoutInProcessEvents_FallBackToPollingTheStore()
    {
        // as on Azure, where the activities may run on another instance: nothing is published here.
        // One chunk per progress event the stream delivers, so each chunk's progress is seen by a poll of the store.
        using var permits = new SemaphoreSlim(0);
        using var factory = new LocalHostFactory(configureServices: services =>
        {
            RecordingBlobStore.Install(b => b.Hold = (name, ct) => ChunkGate(permits, name, ct))(services);
            services.AddSingleton<IRunEventPublisher, SilentPublisher>();
            services.AddSingleton<ILocalRuns, NothingRunsHere>();
        });
        var client = await factory.CreateUserClientAsync("poll");
        var (_, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/backtests", ApiClient.GoogRequest(chunks: 3));
        string id = (string)body!["backtest_id"]!;

        using var reader = new StreamReader(await client.GetStreamAsync($"/api/backtests/{id}/events"));
        var events = await ServerSentEventReader.ReadUntilAsync(reader, "backtest_complete", () => permits.Release());
        var types = events.Select(e => e.Type).ToList();

        Assert.Equal(63341.19136, (double)events[^1].Data["metrics"]!["final_capital"]!, 1e-5);
        Assert.True(types.Count(t => t == "backtest_progress") == 4, string.Join(",", types)); // 0 % and one per chunk, each from a poll
        // nothing was published here: the completion is read back from the store, the same message without the trades
        Assert.Equal(["backtestId", "status", "metrics", "equity_curve"], events[^1].Data.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task ServerSentEvents_InProcessRun_ArePushedFromTheHub_WithoutPollingTheStore()
    {
        // the clock is moved well past the poll interval after every event: a stream that polled would read the store each time
        using var permits = new SemaphoreSlim(0);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var reads = new StoreReadCounter<IRunStore>();
        using var factory = new LocalHostFactory(configureServices: services =>
        {
            RecordingBlobStore.Install(b => b.Hold = (name, ct) => ChunkGate(permits, name, ct))(services);
            services.AddSingleton<TimeProvider>(clock);
            reads.Install(services);
        });
        var client = await factory.CreateUserClientAsync("push");
        var (_, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/backtests", ApiClient.GoogRequest(chunks: 5));
        string id = (string)body!["backtest_id"]!;

        int readsBefore = reads.Of(id);
        using var reader = new StreamReader(await client.GetStreamAsync($"/api/backtests/{id}/events"));
        var events = await ServerSentEventReader.ReadUntilAsync(reader, "backtest_complete", () =>
        {
            clock.Advance(TimeSpan.FromSeconds(5)); // five poll intervals
            permits.Release();
        });
        var types = events.Select(e => e.Type).ToList();

        Assert.Equal(63341.19136, (double)events[^1].Data["metrics"]!["final_capital"]!, 1e-5);
        Assert.True(types.Count(t => t == "backtest_progress") >= 6, string.Join(",", types)); // 0 % and one per chunk, all from the hub
        Assert.Equal(2, reads.Of(id) - readsBefore); // the handler's 404 check and the stream's first state, no poll
    }

    /// <summary>Holds each chunk equity write until the test lets one through.</summary>
    private static Task ChunkGate(SemaphoreSlim permits, string name, CancellationToken ct) =>
        name.Contains("/chunks/", StringComparison.Ordinal) && name.EndsWith(".eqc", StringComparison.Ordinal) ? permits.WaitAsync(ct) : Task.CompletedTask;

    /// <summary>As on a host whose runs execute on other instances.</summary>
    private sealed class NothingRunsHere : ILocalRuns
    {
        public bool IsActive(string runId) => false;

        public Task WhenIdleAsync(string runId) => Task.CompletedTask;
    }

    private sealed class SilentPublisher : IRunEventPublisher
    {
        public void Publish(RunEvent runEvent)
        {
        }
    }

    [Fact]
    public async Task WebSocket_StartAndStatusMessages_FollowPlatformShapes()
    {
        // chunk writes wait for the client: one after backtest_started, then one per message it receives,
        // so the run cannot finish before the socket follows it and every chunk's progress is delivered
        using var permits = new SemaphoreSlim(0);
        using var factory = new LocalHostFactory(configureServices: RecordingBlobStore.Install(b => b.Hold = (name, ct) => ChunkGate(permits, name, ct)));
        string key = await factory.CreateKeyAsync("ws");
        var ws = factory.Server.CreateWebSocketClient();
        ws.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {key}";
        using var socket = await ws.ConnectAsync(new Uri(factory.Server.BaseAddress, "/ws"), CancellationToken.None);

        await SendAsync(socket, new JsonObject { ["type"] = "backtest_start", ["payload"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ApiClient.GoogRequest(chunks: 10))) });
        var started = await ReceiveAsync(socket);
        Assert.Equal("backtest_started", (string)started["type"]!);
        string id = (string)started["data"]!["backtest_id"]!;
        permits.Release();

        var received = new List<JsonNode>();
        while (true)
        {
            var message = await ReceiveAsync(socket);
            received.Add(message);
            if ((string)message["type"]! == "backtest_complete") break;
            permits.Release();
        }
        var progress = received.Where(m => (string)m["type"]! == "backtest_progress").ToList();
        Assert.True(progress.Count >= 10, $"only {progress.Count} progress messages: one per chunk expected");
        Assert.All(progress, m => Assert.Equal(id, (string)m["data"]!["backtestId"]!));
        Assert.Equal(46, (int)received[^1]["data"]!["metrics"]!["total_trades"]!);

        await SendAsync(socket, new JsonObject { ["type"] = "backtest_status", ["backtestId"] = id });
        var status = await ReceiveAsync(socket);
        Assert.Equal("backtest_progress", (string)status["type"]!);
        Assert.Equal(100, (double)status["data"]!["progress"]!);
        var final = await ReceiveAsync(socket);
        Assert.Equal("backtest_complete", (string)final["type"]!);
        Assert.Equal("completed", (string)final["data"]!["status"]!);
        // asked after the end, the socket answers the same completion message it pushed live (and SSE sends)
        Assert.True(JsonNode.DeepEquals(received[^1], final), $"{received[^1].ToJsonString()[..200]} vs {final.ToJsonString()[..200]}");

        await SendAsync(socket, new JsonObject { ["type"] = "backtest_start", ["payload"] = new JsonObject { ["strategy_id"] = "nope" } });
        var error = await ReceiveAsync(socket);
        Assert.Equal("error", (string)error["type"]!);
        Assert.Contains(error["data"]!["errors"]!.AsArray(), e => (string)e!["field"]! == "strategy_id");
    }

    [Fact]
    public async Task WebSocket_WithoutKey_IsRejected()
    {
        using var factory = new LocalHostFactory();
        var ws = factory.Server.CreateWebSocketClient();
        await Assert.ThrowsAnyAsync<Exception>(() => ws.ConnectAsync(new Uri(factory.Server.BaseAddress, "/ws"), CancellationToken.None));
    }
}
