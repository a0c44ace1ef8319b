using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Backtesting.Application.Events;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

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

        using var stream = await client.GetStreamAsync($"/api/backtests/{id}/events");
        using var reader = new StreamReader(stream);
        var events = new List<(string Type, JsonNode Data)>();
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var message = JsonNode.Parse(line["data: ".Length..])!;
            events.Add(((string)message["type"]!, message["data"]!));
            if ((string)message["type"]! == "backtest_complete") break;
            permits.Release();
        }

        Assert.Equal("backtest_complete", events[^1].Type);
        Assert.Equal("completed", (string)events[^1].Data["status"]!);
        Assert.Equal(63341.19136, (double)events[^1].Data["metrics"]!["final_capital"]!, 1e-5);
        var progress = events.Where(e => e.Type == "backtest_progress").Select(e => (double)e.Data["progress"]!).ToList();
        Assert.True(progress.Count >= 21, $"only {progress.Count} progress events: 0 % and one per chunk expected");
        Assert.Equal(progress.OrderBy(p => p), progress);
        Assert.All(events.Where(e => e.Type == "backtest_progress"), e => Assert.Equal(id, (string)e.Data["backtestId"]!));
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

        using var stream = await client.GetStreamAsync($"/api/backtests/{id}/events");
        using var reader = new StreamReader(stream);
        var types = new List<string>();
        JsonNode? last = null;
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            last = JsonNode.Parse(line["data: ".Length..])!;
            types.Add((string)last["type"]!);
            if (types[^1] == "backtest_complete") break;
            permits.Release();
        }

        Assert.Equal("backtest_complete", types[^1]);
        Assert.Equal(63341.19136, (double)last!["data"]!["metrics"]!["final_capital"]!, 1e-5);
        Assert.True(types.Count(t => t == "backtest_progress") == 4, string.Join(",", types)); // 0 % and one per chunk, each from a poll
    }

    [Fact]
    public async Task ServerSentEvents_InProcessRun_ArePushedFromTheHub_WithoutPollingTheStore()
    {
        // the clock is moved well past the poll interval after every event: a stream that polled would read the store each time
        using var permits = new SemaphoreSlim(0);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var reads = new RunReadCounter();
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
        using var stream = await client.GetStreamAsync($"/api/backtests/{id}/events");
        using var reader = new StreamReader(stream);
        var types = new List<string>();
        JsonNode? last = null;
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            last = JsonNode.Parse(line["data: ".Length..])!;
            types.Add((string)last["type"]!);
            if (types[^1] == "backtest_complete") break;
            clock.Advance(TimeSpan.FromSeconds(5)); // five poll intervals
            permits.Release();
        }

        Assert.Equal("backtest_complete", types[^1]);
        Assert.Equal(63341.19136, (double)last!["data"]!["metrics"]!["final_capital"]!, 1e-5);
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

    private static Task SendAsync(WebSocket socket, JsonNode message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonNode> ReceiveAsync(WebSocket socket)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[1 << 20];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cts.Token);
            message.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!;
    }
}
