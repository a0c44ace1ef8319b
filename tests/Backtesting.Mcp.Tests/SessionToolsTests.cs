using System.Text.Json.Nodes;
using Backtesting.Mcp.Tests.Support;
using ModelContextProtocol.Client;

namespace Backtesting.Mcp.Tests;

/// <summary>The trading-session tools (DESIGN section 10) through the C# SDK client over HTTP, against the real local host.</summary>
public sealed class SessionToolsTests(McpHostFixture host) : IClassFixture<McpHostFixture>, IAsyncLifetime
{
    private const double Capital = 10_000;
    private const double Commission = 0.002;
    private McpClient _client = null!;

    public async Task InitializeAsync() => _client = await McpConnections.ConnectAsync(host.Factory, host.AliceKey);

    public async Task DisposeAsync() => await _client.DisposeAsync();

    private static async Task<ToolAnswer> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments) =>
        ToolAnswer.From(await client.CallToolAsync(tool, arguments));

    private Task<ToolAnswer> CallAsync(string tool, Dictionary<string, object?> arguments) => CallAsync(_client, tool, arguments);

    private async Task<string> StartAsync(int warmupBars = 0)
    {
        var answer = await CallAsync("start_trading_session", new()
        {
            ["asset_symbol"] = "GOOG", ["start_date"] = "2005-01-03", ["initial_capital"] = Capital, ["commission"] = Commission, ["warmup_bars"] = warmupBars,
        });
        Assert.False(answer.IsError, answer.Text);
        return (string)answer.Resources[0].Json["session_id"]!;
    }

    private async Task<JsonArray> BarsAsync(string id, int lookback)
    {
        var answer = await CallAsync("get_session_bars", new() { ["session_id"] = id, ["lookback"] = lookback });
        Assert.False(answer.IsError, answer.Text);
        return answer.Resource($"session://{id}/bars")["bars"]!.AsArray();
    }

    [Fact]
    public async Task MarketOrder_FillsAtTheNextOpen_AndCloseBecomesARunWithTheHandWorkedCapital()
    {
        var start = await CallAsync("start_trading_session", new()
        {
            ["asset_symbol"] = "GOOG", ["start_date"] = "2005-01-03", ["initial_capital"] = Capital, ["commission"] = Commission,
        });
        Assert.False(start.IsError, start.Text);
        string id = (string)start.Resources[0].Json["session_id"]!;
        Assert.Equal($"session://{id}", start.Resources[0].Uri);
        var state = start.Resource($"session://{id}");
        Assert.Equal("2005-01-03T00:00:00Z", (string)state["current_bar"]!["time"]!);
        Assert.Equal(Capital, (double)state["cash"]!);
        Assert.Contains("2005-01-03T00:00:00Z", start.Text);
        Assert.Contains("flat", start.Text);

        var placed = await CallAsync("place_order", new() { ["session_id"] = id, ["side"] = "buy", ["type"] = "market", ["quantity"] = 10 });
        Assert.False(placed.IsError, placed.Text);
        var order = placed.Resources[0].Json;
        string orderId = (string)order["order_id"]!;
        Assert.Equal("working", (string)order["status"]!);
        Assert.Contains(orderId, placed.Text);
        Assert.Single(placed.Resource($"session://{id}")["open_orders"]!.AsArray());

        // placed at the current bar, so nothing fills on it: the fill comes with the next bar, at its open
        var advanced = await CallAsync("advance_session", new() { ["session_id"] = id, ["bars"] = 1 });
        Assert.False(advanced.IsError, advanced.Text);
        var step = advanced.Resource($"session://{id}/advance");
        Assert.Equal(1, (int)step["bars_advanced"]!);
        var bar = (await BarsAsync(id, 1)).Single()!;
        double open = (double)bar["open"]!, close = (double)bar["close"]!;
        Assert.Equal("2005-01-04T00:00:00Z", (string)bar["time"]!);
        var fill = step["fills"]!.AsArray().Single()!;
        Assert.Equal(orderId, (string)fill["order_id"]!);
        Assert.Equal(10, (double)fill["quantity"]!);
        Assert.Equal(open, (double)fill["price"]!);
        Assert.Equal(Commission * 10 * open, (double)fill["fee"]!, 9);
        // cash = 10000 - 10 x open - fee; equity marks the 10 units at this bar's close
        var session = step["session"]!;
        double cash = Capital - 10 * open - Commission * 10 * open;
        Assert.Equal(cash, (double)session["cash"]!, 9);
        Assert.Equal(cash + 10 * close, (double)session["equity"]!, 9);
        Assert.Equal(10, (double)session["position"]!["units"]!);
        Assert.Equal(open, (double)session["position"]!["average_price"]!, 9);
        Assert.Empty(session["open_orders"]!.AsArray());
        Assert.Contains("10 units at avg", advanced.Text);
        Assert.Contains($"at {open:0.####}".Replace(',', '.'), advanced.Text);

        // closing at the current close sells the 10 units there, paying the commission once more
        var closed = await CallAsync("close_session", new() { ["session_id"] = id, ["at"] = "close" });
        Assert.False(closed.IsError, closed.Text);
        string runId = (string)closed.Resources[0].Json["backtest_id"]!;
        double finalCapital = cash + 10 * close - Commission * 10 * close;
        var results = await CallAsync("get_backtest_results", new() { ["backtest_id"] = runId });
        Assert.False(results.IsError, results.Text);
        var metrics = results.Resource($"backtest://{runId}/results")["metrics"]!;
        Assert.Equal(finalCapital, (double)metrics["final_capital"]!, 6);
        Assert.Equal(1, (int)metrics["total_trades"]!);

        // a closed session takes no more actions
        var after = await CallAsync("advance_session", new() { ["session_id"] = id, ["bars"] = 1 });
        Assert.True(after.IsError);
        Assert.Contains("closed", after.Text);
    }

    [Fact]
    public async Task GetSessionBars_NeverReturnsABarAfterTheCurrentOne()
    {
        string id = await StartAsync(warmupBars: 5);
        // 5 warm-up bars and the start bar are all there is to see, however far back one asks
        var bars = await BarsAsync(id, 500);
        Assert.Equal(6, bars.Count);
        Assert.Equal("2005-01-03T00:00:00Z", (string)bars[^1]!["time"]!);

        for (int i = 0; i < 3; i++)
        {
            var step = await CallAsync("advance_session", new() { ["session_id"] = id, ["bars"] = 1 });
            string current = (string)step.Resource($"session://{id}/advance")["session"]!["current_bar"]!["time"]!;
            bars = await BarsAsync(id, 500);
            Assert.Equal(7 + i, bars.Count);
            Assert.Equal(current, (string)bars[^1]!["time"]!);
            Assert.All(bars, b => Assert.True(string.CompareOrdinal((string)b!["time"]!, current) <= 0));
        }
    }

    [Fact]
    public async Task PlaceOrder_LimitWithoutLimitPrice_IsAnErrorNamingTheFieldAndPlacesNothing()
    {
        string id = await StartAsync();

        var answer = await CallAsync("place_order", new() { ["session_id"] = id, ["side"] = "buy", ["type"] = "limit", ["quantity"] = 5 });
        var badSide = await CallAsync("place_order", new() { ["session_id"] = id, ["side"] = "hold", ["type"] = "market", ["quantity"] = 5 });

        Assert.True(answer.IsError);
        Assert.Contains("limit_price", answer.Text);
        Assert.True(badSide.IsError);
        Assert.Contains("side", badSide.Text);
        var state = (await CallAsync("get_session", new() { ["session_id"] = id })).Resource($"session://{id}");
        Assert.Empty(state["open_orders"]!.AsArray());
    }

    [Fact]
    public async Task AnotherUsersSession_IsNotFoundForEveryTool()
    {
        string id = await StartAsync();
        await using var bob = await McpConnections.ConnectAsync(host.Factory, host.BobKey);

        var calls = new (string Tool, Dictionary<string, object?> Arguments)[]
        {
            ("get_session", new() { ["session_id"] = id }),
            ("get_session_bars", new() { ["session_id"] = id }),
            ("place_order", new() { ["session_id"] = id, ["side"] = "buy", ["type"] = "market", ["quantity"] = 1 }),
            ("cancel_order", new() { ["session_id"] = id, ["order_id"] = "o-1" }),
            ("advance_session", new() { ["session_id"] = id, ["bars"] = 1 }),
            ("close_session", new() { ["session_id"] = id }),
        };
        foreach (var (tool, arguments) in calls)
        {
            var answer = await CallAsync(bob, tool, arguments);
            Assert.True(answer.IsError, tool);
            Assert.Contains($"session_id: no trading session with id '{id}'", answer.Text);
        }
        var mine = (await CallAsync("get_session", new() { ["session_id"] = id })).Resource($"session://{id}");
        Assert.Equal(1, (long)mine["version"]!);
        Assert.Empty(mine["open_orders"]!.AsArray());
    }

    [Fact]
    public async Task FillsCursor_SinceFill_ListsOnlyTheFillsAfterIt_AndEveryAnswerNamesTheLastFill()
    {
        string id = await StartAsync();
        await CallAsync("place_order", new() { ["session_id"] = id, ["side"] = "buy", ["type"] = "market", ["quantity"] = 10 });
        var first = await CallAsync("advance_session", new() { ["session_id"] = id, ["bars"] = 1 });
        Assert.False(first.IsError, first.Text);
        Assert.Contains("1 fill(s): f-1 (o-1) buy 10 at 201.4", first.Text); // the 2005-01-04 open
        Assert.Contains("Last fill: f-1", first.Text);

        // a second fill made by another call (here: a plain advance without the cursor) is still shown to a caller holding f-1
        await CallAsync("place_order", new() { ["session_id"] = id, ["side"] = "sell", ["type"] = "market", ["quantity"] = 4 });
        var second = await CallAsync("advance_session", new() { ["session_id"] = id, ["bars"] = 1 });
        Assert.Contains("Last fill: f-2", second.Text);
        var seen = await CallAsync("get_session", new() { ["session_id"] = id, ["since_fill"] = "f-1" });
        Assert.False(seen.IsError, seen.Text);
        var fills = seen.Resource($"session://{id}/fills");
        Assert.Equal(["f-2"], fills["fills"]!.AsArray().Select(f => (string)f!["fill_id"]!));
        Assert.Equal("f-2", (string)fills["last_fill_id"]!);
        Assert.Contains("1 fill(s) since f-1: f-2 (o-2) sell 4 at 193.45", seen.Text); // the 2005-01-05 open

        var none = await CallAsync("advance_session", new() { ["session_id"] = id, ["bars"] = 1, ["since_fill"] = "f-2" });
        Assert.False(none.IsError, none.Text);
        Assert.Contains("No fills since f-2.", none.Text);
        var all = await CallAsync("get_session", new() { ["session_id"] = id });
        Assert.Equal(2, all.Resource($"session://{id}/fills")["fills"]!.AsArray().Count);

        var unknown = await CallAsync("get_session", new() { ["session_id"] = id, ["since_fill"] = "f-99" });
        Assert.True(unknown.IsError);
        Assert.Contains("since_fill", unknown.Text);
        Assert.Contains("f-1 to f-2", unknown.Text);
    }

    [Fact]
    public async Task ExpectedVersion_Stale_IsAConflictNamingTheCurrentVersion_AndWritesNothing_Current_Writes()
    {
        string id = await StartAsync(); // version 1
        var placed = await CallAsync("place_order", new() { ["session_id"] = id, ["side"] = "buy", ["type"] = "limit", ["quantity"] = 1, ["limit_price"] = 100, ["expected_version"] = 1 });
        Assert.False(placed.IsError, placed.Text); // now version 2

        var stale = new (string Tool, Dictionary<string, object?> Arguments)[]
        {
            ("place_order", new() { ["session_id"] = id, ["side"] = "buy", ["type"] = "market", ["quantity"] = 1, ["expected_version"] = 1 }),
            ("cancel_order", new() { ["session_id"] = id, ["order_id"] = "o-1", ["expected_version"] = 1 }),
            ("advance_session", new() { ["session_id"] = id, ["bars"] = 1, ["expected_version"] = 1 }),
            ("close_session", new() { ["session_id"] = id, ["expected_version"] = 1 }),
        };
        foreach (var (tool, arguments) in stale)
        {
            var answer = await CallAsync(tool, arguments);
            Assert.True(answer.IsError, tool);
            Assert.Contains("conflict", answer.Text);
            Assert.Contains("current version 2", answer.Text);
        }
        var state = (await CallAsync("get_session", new() { ["session_id"] = id })).Resource($"session://{id}");
        Assert.Equal(2, (long)state["version"]!);
        Assert.Equal("2005-01-03T00:00:00Z", (string)state["current_bar"]!["time"]!);
        Assert.Single(state["open_orders"]!.AsArray());

        var cancelled = await CallAsync("cancel_order", new() { ["session_id"] = id, ["order_id"] = "o-1", ["expected_version"] = 2 });
        Assert.False(cancelled.IsError, cancelled.Text);
        Assert.Equal(3, (long)cancelled.Resource($"session://{id}")["version"]!);
    }

    [Fact]
    public async Task Resources_SessionStateOrdersAndFills_AreReadable_ListedAsTemplates_AnotherUsersAreNotFound()
    {
        string id = await StartAsync();
        await CallAsync("place_order", new() { ["session_id"] = id, ["side"] = "buy", ["type"] = "market", ["quantity"] = 10 });
        await CallAsync("place_order", new() { ["session_id"] = id, ["side"] = "buy", ["type"] = "limit", ["quantity"] = 1, ["limit_price"] = 100 });
        await CallAsync("advance_session", new() { ["session_id"] = id, ["bars"] = 1 });

        var state = Json(await _client.ReadResourceAsync($"session://{id}"));
        Assert.Equal(id, (string)state["session_id"]!);
        Assert.Equal("2005-01-04T00:00:00Z", (string)state["current_bar"]!["time"]!);
        Assert.Equal(10, (double)state["position"]!["units"]!);
        var orders = Json(await _client.ReadResourceAsync($"session://{id}/orders"))["orders"]!.AsArray();
        Assert.Equal(["filled", "working"], orders.Select(o => (string)o!["status"]!));
        var fills = Json(await _client.ReadResourceAsync($"session://{id}/fills"))["fills"]!.AsArray();
        Assert.Equal(201.4, (double)Assert.Single(fills)!["price"]!); // the market order at the 2005-01-04 open

        var templates = (await _client.ListResourceTemplatesAsync()).Select(t => t.UriTemplate).ToList();
        Assert.Contains("session://{id}", templates);
        Assert.Contains("session://{id}/orders", templates);
        Assert.Contains("session://{id}/fills", templates);

        await using var bob = await McpConnections.ConnectAsync(host.Factory, host.BobKey);
        foreach (string uri in new[] { $"session://{id}", $"session://{id}/orders", $"session://{id}/fills" })
        {
            var ex = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(() => bob.ReadResourceAsync(uri).AsTask());
            Assert.Equal(ModelContextProtocol.McpErrorCode.ResourceNotFound, ex.ErrorCode);
        }
    }

    private static JsonObject Json(ModelContextProtocol.Protocol.ReadResourceResult result)
    {
        var contents = Assert.IsType<ModelContextProtocol.Protocol.TextResourceContents>(Assert.Single(result.Contents));
        Assert.Equal("application/json", contents.MimeType);
        return JsonNode.Parse(contents.Text)!.AsObject();
    }
}
