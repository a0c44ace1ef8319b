using System.Net;
using System.Text.Json.Nodes;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>
/// The rest of issue 13's "bad input and edge cases" over REST (the others are in <see cref="SessionsApiTests"/> and the engine's
/// TradingSessionFillTests): every write on a closed session is 409, every route of another user's session is 404, autopilot
/// bad input names the field, an until at or before the current bar does not move the clock.
/// </summary>
public sealed class SessionsEdgeCaseTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private Task<HttpClient> NewUserAsync(string prefix) => fixture.Factory.CreateUserClientAsync(prefix + "-" + Guid.NewGuid().ToString("N")[..8]);

    private static async Task<JsonNode> SendAsync(HttpClient client, HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        var (status, json, _) = await client.SendJsonAsync(method, url, body);
        Assert.True(status == expected, $"{method} {url}: expected {(int)expected}, got {(int)status} {json?.ToJsonString()}");
        return json!;
    }

    [Fact]
    public async Task ClosedSession_EveryWrite409WithTheCurrentVersion_ReadsStillWork()
    {
        var client = await NewUserAsync("closed");
        string id = await SessionsApiTests.CreateAsync(client);
        await SendAsync(client, HttpMethod.Post, $"/api/sessions/{id}/orders", new { side = "buy", type = "limit", quantity = 1, limit_price = 100 }, HttpStatusCode.Created);
        await SendAsync(client, HttpMethod.Post, $"/api/sessions/{id}/close", new { at = "close" }, HttpStatusCode.OK);
        long version = (long)(await client.GetJsonAsync($"/api/sessions/{id}"))["version"]!;

        var writes = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Post, $"/api/sessions/{id}/orders", new { side = "buy", type = "market", quantity = 1 }),
            (HttpMethod.Delete, $"/api/sessions/{id}/orders/o-1", null),
            (HttpMethod.Post, $"/api/sessions/{id}/advance", new { bars = 1 }),
            (HttpMethod.Post, $"/api/sessions/{id}/autopilot", new { strategy_id = "sma_crossover", bars = 5 }),
            (HttpMethod.Post, $"/api/sessions/{id}/close", new { }),
        };
        foreach (var (method, url, body) in writes)
        {
            var problem = await SendAsync(client, method, url, body, HttpStatusCode.Conflict);
            Assert.Equal(version, (long)problem["current_version"]!);
            Assert.Contains("closed", (string)problem["detail"]!);
        }
        Assert.Equal(version, (long)(await client.GetJsonAsync($"/api/sessions/{id}"))["version"]!);
        // the working limit order was cancelled by the close, and reads of the closed session still answer
        var orders = (await client.GetJsonAsync($"/api/sessions/{id}/orders")).AsArray();
        Assert.Equal("cancelled", (string)orders.Single()!["status"]!);
        Assert.Empty((await client.GetJsonAsync($"/api/sessions/{id}/fills")).AsArray());
    }

    [Fact]
    public async Task AnotherUsersSession_EveryRoute404_UnknownSessionAndOrder404()
    {
        var alice = await NewUserAsync("owner");
        var bob = await NewUserAsync("intruder");
        string id = await SessionsApiTests.CreateAsync(alice);
        await SendAsync(alice, HttpMethod.Post, $"/api/sessions/{id}/orders", new { side = "buy", type = "limit", quantity = 1, limit_price = 100 }, HttpStatusCode.Created);

        await SendAsync(bob, HttpMethod.Get, $"/api/sessions/{id}/orders", null, HttpStatusCode.NotFound);
        await SendAsync(bob, HttpMethod.Get, $"/api/sessions/{id}/fills", null, HttpStatusCode.NotFound);
        await SendAsync(bob, HttpMethod.Delete, $"/api/sessions/{id}/orders/o-1", null, HttpStatusCode.NotFound);
        await SendAsync(bob, HttpMethod.Post, $"/api/sessions/{id}/autopilot", new { strategy_id = "sma_crossover", bars = 5 }, HttpStatusCode.NotFound);
        await SendAsync(alice, HttpMethod.Post, "/api/sessions/ts-unknown/advance", new { bars = 1 }, HttpStatusCode.NotFound);
        var order = await SendAsync(alice, HttpMethod.Delete, $"/api/sessions/{id}/orders/o-404", null, HttpStatusCode.NotFound);
        Assert.Contains("o-404", order.ToJsonString());

        var state = await alice.GetJsonAsync($"/api/sessions/{id}");
        Assert.Equal(2, (long)state["version"]!); // only alice's order
        Assert.Single(state["open_orders"]!.AsArray());
    }

    [Fact]
    public async Task Autopilot_BadInput_400NamingTheField_NothingWritten()
    {
        var client = await NewUserAsync("autobad");
        string id = await SessionsApiTests.CreateAsync(client);
        var cases = new (object Body, string Field)[]
        {
            (new { strategy_id = "sma_crossover", bars = 0 }, "bars"),
            (new { strategy_id = "sma_crossover" }, "bars"),
            (new { strategy_id = "sma_crossover", bars = 5, parameters = new { fast_period = 30, slow_period = 10 } }, "parameters.fast_period"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await SendAsync(client, HttpMethod.Post, $"/api/sessions/{id}/autopilot", body, HttpStatusCode.BadRequest);
            Assert.Contains(problem["errors"]!.AsArray(), e => ((string)e!["field"]!).StartsWith(field, StringComparison.Ordinal));
        }
        Assert.Equal(1, (long)(await client.GetJsonAsync($"/api/sessions/{id}"))["version"]!);
    }

    [Fact]
    public async Task AdvanceUntil_AtOrBeforeTheCurrentBar_DoesNotMove()
    {
        var client = await NewUserAsync("until");
        string id = await SessionsApiTests.CreateAsync(client, new { asset_symbol = "GOOG", start_date = "2005-01-03", initial_capital = 10_000, warmup_bars = 5 });
        var moved = await SendAsync(client, HttpMethod.Post, $"/api/sessions/{id}/advance", new { until = "2005-01-06" }, HttpStatusCode.OK);
        Assert.Equal(3, (int)moved["bars_advanced"]!); // 01-04, 01-05, 01-06
        var still = await SendAsync(client, HttpMethod.Post, $"/api/sessions/{id}/advance", new { until = "2004-12-31" }, HttpStatusCode.OK);
        Assert.Equal(0, (int)still["bars_advanced"]!);
        Assert.Equal("2005-01-06T00:00:00Z", (string)still["session"]!["current_bar"]!["time"]!);
    }
}
