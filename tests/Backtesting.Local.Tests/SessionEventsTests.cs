using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Backtesting.Local.Tests.Support;
using static Backtesting.Local.Tests.Support.ServerSentEventReader;
using static Backtesting.Local.Tests.Support.WebSocketMessages;

namespace Backtesting.Local.Tests;

/// <summary>
/// session_fill / session_bar / session_closed over SSE and the WebSocket: the owner's only, never a bar after the
/// session's current one. Prices in the comments are GOOG.csv rows (2005-01-04 opens 201.4; 01-06 closes 188.55; 01-07 opens 190.64).
/// </summary>
public sealed class SessionEventsTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private Task<HttpClient> NewUserAsync(string prefix) => fixture.Factory.CreateUserClientAsync(prefix + "-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task ServerSentEvents_FillsThenBar_AfterEachAdvance_EndWithClosed_NeverPastTheCurrentBar()
    {
        var client = await NewUserAsync("sse-owner");
        string id = await SessionsApiTests.CreateAsync(client);
        using var stream = await client.GetStreamAsync($"/api/sessions/{id}/events");
        using var reader = new StreamReader(stream);

        var first = await NextAsync(reader);
        Assert.Equal("session_bar", first.Type);
        Assert.Equal("2005-01-03T00:00:00Z", (string)first.Data["current_bar"]!["time"]!);

        await client.PostOkAsync($"/api/sessions/{id}/orders", new { side = "buy", type = "market", quantity = 10 });
        var step = await client.PostOkAsync($"/api/sessions/{id}/advance", new { bars = 3 });

        // the market order fills at the 2005-01-04 open (201.4); the clock stands at 2005-01-06:
        // cash 10000 - 2014 = 7986, equity 7986 + 10 x 188.55 = 9871.5
        var fill = await NextAsync(reader);
        Assert.Equal("session_fill", fill.Type);
        Assert.Equal(id, (string)fill.Data["session_id"]!);
        Assert.Equal("2005-01-04T00:00:00Z", (string)fill.Data["time"]!);
        Assert.Equal(201.4, (double)fill.Data["price"]!);
        Assert.Equal(10, (double)fill.Data["quantity"]!);
        Assert.Equal((string)step["fills"]![0]!["fill_id"]!, (string)fill.Data["fill_id"]!);
        var bar = await NextAsync(reader);
        Assert.Equal("session_bar", bar.Type);
        Assert.Equal("2005-01-06T00:00:00Z", (string)bar.Data["current_bar"]!["time"]!);
        Assert.Equal(188.55, (double)bar.Data["current_bar"]!["close"]!);
        Assert.Equal(7986, (double)bar.Data["cash"]!, 9);
        Assert.Equal(9871.5, (double)bar.Data["equity"]!, 9);
        Assert.Equal((long)step["session"]!["version"]!, (long)bar.Data["version"]!);
        Assert.Equal(10, (double)bar.Data["position"]!["units"]!);

        // closing at the next open sells at the 2005-01-07 open (190.64): cash 7986 + 1906.4 = 9892.4
        var closed = await client.PostOkAsync($"/api/sessions/{id}/close", new { at = "next_open" });
        var exit = await NextAsync(reader);
        Assert.Equal("session_fill", exit.Type);
        Assert.Equal(190.64, (double)exit.Data["price"]!);
        Assert.Equal("sell", (string)exit.Data["side"]!);
        var last = await NextAsync(reader);
        Assert.Equal("session_bar", last.Type);
        Assert.Equal("2005-01-07T00:00:00Z", (string)last.Data["current_bar"]!["time"]!);
        Assert.Equal(9892.4, (double)last.Data["equity"]!, 9);
        var end = await NextAsync(reader);
        Assert.Equal("session_closed", end.Type);
        Assert.Equal((string)closed["run_id"]!, (string)end.Data["run_id"]!);
        Assert.Equal("", (await reader.ReadToEndAsync()).Trim()); // the stream ends with the session

        // no look-ahead: each fill lies at or before the bar event that follows it, and no bar event is later than the session's clock
        Assert.True(DateTime.Parse((string)fill.Data["time"]!) <= DateTime.Parse((string)bar.Data["current_bar"]!["time"]!));
        Assert.True(DateTime.Parse((string)exit.Data["time"]!) <= DateTime.Parse((string)last.Data["current_bar"]!["time"]!));
        Assert.Equal((string)closed["session"]!["current_bar"]!["time"]!, (string)last.Data["current_bar"]!["time"]!);

        // every event of the live stream, fills included, is one of the messages the OpenAPI document gives for it
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var schema = document["paths"]!["/api/sessions/{id}/events"]!["get"]!["responses"]!["200"]!["content"]!["text/event-stream"]!["schema"]!;
        var mismatches = new[] { first, fill, bar, exit, last, end }
            .SelectMany(e => new OpenApiSchemaChecker(document).Check(new JsonObject { ["type"] = e.Type, ["data"] = e.Data.DeepClone() }, schema)
                .Select(problem => $"{e.Type}: {problem}"))
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task ServerSentEvents_ClosedSession_StateThenClosed_AnotherUsers_404()
    {
        var owner = await NewUserAsync("sse-closed");
        string id = await SessionsApiTests.CreateAsync(owner);
        var other = await NewUserAsync("sse-other");
        var (status, problem, _) = await other.SendJsonAsync(HttpMethod.Get, $"/api/sessions/{id}/events");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(id, problem!.ToJsonString());

        var closed = await owner.PostOkAsync($"/api/sessions/{id}/close", new { at = "close" });
        using var reader = new StreamReader(await owner.GetStreamAsync($"/api/sessions/{id}/events"));
        Assert.Equal("session_bar", (await NextAsync(reader)).Type);
        var end = await NextAsync(reader);
        Assert.Equal("session_closed", end.Type);
        Assert.Equal((string)closed["run_id"]!, (string)end.Data["run_id"]!);
    }

    [Fact]
    public async Task WebSocket_SessionSubscribe_OwnerGetsFillsAndBars_AnotherUserGetsAnErrorAndNothingElse()
    {
        string ownerKey = await fixture.Factory.CreateKeyAsync("ws-owner-" + Guid.NewGuid().ToString("N")[..8]);
        var owner = fixture.Factory.CreateClient();
        owner.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ownerKey);
        string id = await SessionsApiTests.CreateAsync(owner);
        using var socket = await ConnectAsync(ownerKey);
        using var stranger = await ConnectAsync(await fixture.Factory.CreateKeyAsync("ws-stranger-" + Guid.NewGuid().ToString("N")[..8]));

        await SendAsync(stranger, new JsonObject { ["type"] = "session_subscribe", ["sessionId"] = id });
        var refused = await ReceiveAsync(stranger);
        Assert.Equal("error", (string)refused["type"]!);
        Assert.Contains(id, (string)refused["data"]!["message"]!);

        await SendAsync(socket, new JsonObject { ["type"] = "session_subscribe", ["sessionId"] = id });
        var state = await ReceiveAsync(socket);
        Assert.Equal("session_bar", (string)state["type"]!);
        Assert.Equal("2005-01-03T00:00:00Z", (string)state["data"]!["current_bar"]!["time"]!);

        await owner.PostOkAsync($"/api/sessions/{id}/orders", new { side = "buy", type = "market", quantity = 10 });
        await owner.PostOkAsync($"/api/sessions/{id}/advance", new { bars = 1 });
        var fill = await ReceiveAsync(socket);
        Assert.Equal("session_fill", (string)fill["type"]!);
        Assert.Equal(201.4, (double)fill["data"]!["price"]!); // the 2005-01-04 open
        var bar = await ReceiveAsync(socket);
        Assert.Equal("session_bar", (string)bar["type"]!);
        Assert.Equal("2005-01-04T00:00:00Z", (string)bar["data"]!["current_bar"]!["time"]!);

        // the stranger's next message is the answer to its own next request, not the owner's events
        await SendAsync(stranger, new JsonObject { ["type"] = "backtest_status", ["backtestId"] = "nope" });
        var next = await ReceiveAsync(stranger);
        Assert.Equal("error", (string)next["type"]!);
        Assert.Contains("nope", (string)next["data"]!["message"]!);
    }

    private async Task<WebSocket> ConnectAsync(string key)
    {
        var ws = fixture.Factory.Server.CreateWebSocketClient();
        ws.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {key}";
        return await ws.ConnectAsync(new Uri(fixture.Factory.Server.BaseAddress, "/ws"), CancellationToken.None);
    }
}
