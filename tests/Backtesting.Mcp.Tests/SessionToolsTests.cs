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
}
