using System.Net;
using System.Text.Json.Nodes;
using Backtesting.Local.Tests.Support;
using Backtesting.Tests.Shared;

namespace Backtesting.Local.Tests;

/// <summary>
/// /api/sessions on the local host (SQLite): a trading session replays GOOG bar by bar (DESIGN.md section 10).
/// Prices in the comments are GOOG.csv rows.
/// </summary>
public sealed class SessionsApiTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private Task<HttpClient> NewUserAsync(string prefix) => fixture.Factory.CreateUserClientAsync(prefix + "-" + Guid.NewGuid().ToString("N")[..8]);

    private static object Start(string startDate = "2005-01-03", int warmup = 0, double commission = 0) =>
        new { asset_symbol = "GOOG", start_date = startDate, initial_capital = 10_000, commission, warmup_bars = warmup };

    internal static async Task<string> CreateAsync(HttpClient client, object? body = null)
    {
        var (status, created, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/sessions", body ?? Start());
        Assert.True(status == HttpStatusCode.Created, $"create: {(int)status} {created?.ToJsonString()}");
        return (string)created!["session_id"]!;
    }

    private static async Task<JsonNode> OkAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        var (status, json, _) = await client.SendJsonAsync(method, url, body);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {url}: {(int)status} {json?.ToJsonString()}");
        return json!;
    }

    private static async Task<JsonNode> ProblemAsync(HttpClient client, HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        var (status, json, _) = await client.SendJsonAsync(method, url, body);
        Assert.True(status == expected, $"{method} {url}: expected {(int)expected}, got {(int)status} {json?.ToJsonString()}");
        return json!;
    }

    private static string Field(JsonNode problem) => (string)problem["errors"]![0]!["field"]!;

    [Fact]
    public async Task Create_Returns201_StandingAtTheStartBarWithWarmupHistory()
    {
        var client = await NewUserAsync("creator");
        var (status, body, response) = await client.SendJsonAsync(HttpMethod.Post, "/api/sessions", Start(warmup: 5));

        Assert.Equal(HttpStatusCode.Created, status);
        string id = (string)body!["session_id"]!;
        Assert.StartsWith("ts-", id);
        Assert.Equal($"/api/sessions/{id}", response.Headers.Location?.ToString());
        Assert.Equal("active", (string)body["status"]!);
        Assert.Equal("2005-01-03T00:00:00Z", (string)body["current_bar"]!["time"]!);
        Assert.Equal(202.71, (double)body["current_bar"]!["close"]!);
        Assert.Equal(10_000, (double)body["cash"]!);
        Assert.Equal(0, (double)body["position"]!["units"]!);
        Assert.Empty(body["open_orders"]!.AsArray());
        // five warm-up bars before the start and the start bar itself; nothing after it
        var bars = (await client.GetJsonAsync($"/api/sessions/{id}/bars?lookback=100")).AsArray();
        Assert.Equal(6, bars.Count);
        Assert.Equal("2005-01-03T00:00:00Z", (string)bars[^1]!["time"]!);
    }

    [Fact]
    public async Task MarketAndLimitOrders_FillOnLaterBarsByTheRules()
    {
        var client = await NewUserAsync("trader");
        string id = await CreateAsync(client);
        var order = await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/orders", new { side = "buy", type = "market", quantity = 10 });
        Assert.Equal("working", (string)order["status"]!);
        Assert.Empty((await client.GetJsonAsync($"/api/sessions/{id}/fills")).AsArray()); // never on the bar it was placed

        var step = await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/advance", new { bars = 1 });

        // 2005-01-04 opens 201.4: 10 units cost 2014; equity at the 194.5 close = 7986 + 1945 = 9931
        var fill = step["fills"]!.AsArray().Single()!;
        Assert.Equal(201.4, (double)fill["price"]!);
        Assert.Equal(7986, (double)step["session"]!["cash"]!, 9);
        Assert.Equal(9931, (double)step["session"]!["equity"]!, 9);

        // a buy limit at 193 placed on 2005-01-04 meets 2005-01-05 (open 193.45, low 192.23): fills at min(193.45, 193) = 193
        await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/orders", new { side = "buy", type = "limit", quantity = 5, limit_price = 193 });
        step = await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/advance", new { until = "2005-01-05" });
        Assert.Equal(193, (double)step["fills"]!.AsArray().Single()!["price"]!);
        Assert.Equal(15, (double)step["session"]!["position"]!["units"]!);
        Assert.Equal(2, (await client.GetJsonAsync($"/api/sessions/{id}/fills")).AsArray().Count);
    }

    [Fact]
    public async Task NoLookAhead_NoAnswerShowsABarAfterTheCurrentOne()
    {
        var client = await NewUserAsync("peeker");
        string id = await CreateAsync(client, Start(warmup: 20));
        await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/advance", new { bars = 3 });
        var session = await client.GetJsonAsync($"/api/sessions/{id}");
        var current = DateTime.Parse((string)session["current_bar"]!["time"]!).ToUniversalTime();

        var bars = (await client.GetJsonAsync($"/api/sessions/{id}/bars?lookback=10000")).AsArray();
        Assert.Equal(24, bars.Count); // 20 warm-up + start + 3
        Assert.All(bars, b => Assert.True(DateTime.Parse((string)b!["time"]!).ToUniversalTime() <= current));
        Assert.Equal((string)session["current_bar"]!["time"]!, (string)bars[^1]!["time"]!);
        // an until in the future moves only to the last bar at or before it; answers never name a later bar
        var step = await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/advance", new { until = "2005-01-10" });
        Assert.Equal("2005-01-10T00:00:00Z", (string)step["session"]!["current_bar"]!["time"]!);
        Assert.DoesNotContain("2005-01-11", step.ToJsonString());
    }

    [Fact]
    public async Task Advance_PastTheEnd_StopsAtTheLastBarAndSaysSo()
    {
        var client = await NewUserAsync("runner");
        string id = await CreateAsync(client, Start("2013-02-20"));
        var step = await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/advance", new { bars = 100 });

        Assert.True((bool)step["reached_end"]!);
        Assert.Equal(7, (int)step["bars_advanced"]!); // 2013-02-21 .. 2013-03-01
        Assert.Equal("2013-03-01T00:00:00Z", (string)step["session"]!["current_bar"]!["time"]!);
        Assert.Contains("last bar", (string)step["message"]!);
        Assert.Equal(0, (int)step["session"]!["bars_remaining"]!);
    }

    [Theory]
    [InlineData("""{"side":"hold","type":"market","quantity":1}""", "side")]
    [InlineData("""{"side":"buy","type":"iceberg","quantity":1}""", "type")]
    [InlineData("""{"side":"buy","type":"limit","quantity":1}""", "limit_price")]
    [InlineData("""{"side":"buy","type":"stop","quantity":1}""", "stop_price")]
    [InlineData("""{"side":"buy","type":"market","quantity":-3}""", "quantity")]
    [InlineData("""{"side":"buy","type":"market","quantity":1000}""", "quantity")]
    [InlineData("""{"side":"buy","type":"market","quantity":1,"percent_of_equity":50}""", "quantity")]
    [InlineData("""{"side":"buy","type":"market","percent_of_equity":0}""", "percent_of_equity")]
    [InlineData("""{"side":"buy","type":"market","quantity":1,"stop_loss":250}""", "stop_loss")]
    [InlineData("""{"side":"sell","type":"market","quantity":100}""", "quantity")]
    public async Task PlaceOrder_BadInput_400NamingTheField_NothingWritten(string order, string field)
    {
        var client = await NewUserAsync("bad");
        string id = await CreateAsync(client);
        var (status, problem) = await client.PostRawAsync($"/api/sessions/{id}/orders", order, "application/json");

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {problem?.ToJsonString()}");
        Assert.Equal(field, Field(problem!));
        Assert.Empty((await client.GetJsonAsync($"/api/sessions/{id}/orders")).AsArray());
        Assert.Equal(1, (long)(await client.GetJsonAsync($"/api/sessions/{id}"))["version"]!);
    }

    [Fact]
    public async Task CancelOrder_Working_Cancels_Filled_400_Unknown_404()
    {
        var client = await NewUserAsync("canceller");
        string id = await CreateAsync(client);
        string working = (string)(await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/orders", new { side = "buy", type = "limit", quantity = 1, limit_price = 100 }))["order_id"]!;
        string market = (string)(await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/orders", new { side = "buy", type = "market", quantity = 1 }))["order_id"]!;

        Assert.Equal("cancelled", (string)(await OkAsync(client, HttpMethod.Delete, $"/api/sessions/{id}/orders/{working}"))["status"]!);
        await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/advance", new { bars = 1 });
        Assert.Equal("order_id", Field(await ProblemAsync(client, HttpMethod.Delete, $"/api/sessions/{id}/orders/{market}", null, HttpStatusCode.BadRequest)));
        await ProblemAsync(client, HttpMethod.Delete, $"/api/sessions/{id}/orders/o-999", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AdvanceAndCreate_BadInput_400NamingTheField()
    {
        var client = await NewUserAsync("badadvance");
        string id = await CreateAsync(client);
        Assert.Equal("bars", Field(await ProblemAsync(client, HttpMethod.Post, $"/api/sessions/{id}/advance", new { bars = 0 }, HttpStatusCode.BadRequest)));
        Assert.Equal("bars", Field(await ProblemAsync(client, HttpMethod.Post, $"/api/sessions/{id}/advance", new { bars = 1, until = "2006-01-01" }, HttpStatusCode.BadRequest)));
        Assert.Equal("until", Field(await ProblemAsync(client, HttpMethod.Post, $"/api/sessions/{id}/advance", new { until = "soon" }, HttpStatusCode.BadRequest)));
        Assert.Equal("at", Field(await ProblemAsync(client, HttpMethod.Post, $"/api/sessions/{id}/close", new { at = "later" }, HttpStatusCode.BadRequest)));
        Assert.Equal("lookback", Field(await ProblemAsync(client, HttpMethod.Get, $"/api/sessions/{id}/bars?lookback=0", null, HttpStatusCode.BadRequest)));
        Assert.Equal("asset_symbol", Field(await ProblemAsync(client, HttpMethod.Post, "/api/sessions",
            new { asset_symbol = "NOPE", start_date = "2005-01-03", initial_capital = 1000 }, HttpStatusCode.BadRequest)));
        Assert.Equal("initial_capital", Field(await ProblemAsync(client, HttpMethod.Post, "/api/sessions",
            new { asset_symbol = "GOOG", start_date = "2005-01-03", initial_capital = -5 }, HttpStatusCode.BadRequest)));
        Assert.Equal("start_date", Field(await ProblemAsync(client, HttpMethod.Post, "/api/sessions",
            new { asset_symbol = "GOOG", start_date = "2020-01-01", initial_capital = 1000 }, HttpStatusCode.BadRequest)));
        Assert.Equal("strategy_id", Field(await ProblemAsync(client, HttpMethod.Post, $"/api/sessions/{id}/autopilot",
            new { strategy_id = "nope", bars = 5 }, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task UnknownAndOtherUsersSessions_Are404()
    {
        var alice = await NewUserAsync("alice");
        var bob = await NewUserAsync("bob");
        string id = await CreateAsync(alice);

        await ProblemAsync(bob, HttpMethod.Get, $"/api/sessions/{id}", null, HttpStatusCode.NotFound);
        await ProblemAsync(bob, HttpMethod.Get, $"/api/sessions/{id}/bars", null, HttpStatusCode.NotFound);
        await ProblemAsync(bob, HttpMethod.Post, $"/api/sessions/{id}/orders", new { side = "buy", type = "market", quantity = 1 }, HttpStatusCode.NotFound);
        await ProblemAsync(bob, HttpMethod.Post, $"/api/sessions/{id}/advance", new { bars = 1 }, HttpStatusCode.NotFound);
        await ProblemAsync(bob, HttpMethod.Post, $"/api/sessions/{id}/close", new { }, HttpStatusCode.NotFound);
        await ProblemAsync(alice, HttpMethod.Get, "/api/sessions/ts-unknown", null, HttpStatusCode.NotFound);
        Assert.Empty((await bob.GetJsonAsync("/api/sessions")).AsArray());
        Assert.Equal([id], (await alice.GetJsonAsync("/api/sessions")).AsArray().Select(s => (string)s!["session_id"]!));
        // bob's attempts changed nothing
        Assert.Equal(1, (long)(await alice.GetJsonAsync($"/api/sessions/{id}"))["version"]!);
    }

    [Fact]
    public async Task StaleVersion_409WithCurrentVersion_MatchingVersion_Writes()
    {
        var client = await NewUserAsync("racer");
        string id = await CreateAsync(client);
        await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/advance", new { bars = 1 }); // version 2

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/advance") { Content = System.Net.Http.Json.JsonContent.Create(new { bars = 1 }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var response = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(2, (long)problem["current_version"]!);

        using var fresh = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/advance") { Content = System.Net.Http.Json.JsonContent.Create(new { bars = 1 }) };
        fresh.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(fresh)).StatusCode);
        Assert.Equal(3, (long)(await client.GetJsonAsync($"/api/sessions/{id}"))["version"]!);
    }

    [Fact]
    public async Task ConcurrentAdvances_EachLandsOnceOrAnswers409()
    {
        var client = await NewUserAsync("concurrent");
        string id = await CreateAsync(client);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SendJsonAsync(HttpMethod.Post, $"/api/sessions/{id}/advance", new { bars = 1 })));

        int ok = results.Count(r => r.Status == HttpStatusCode.OK);
        Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)r.Status}"));
        var session = await client.GetJsonAsync($"/api/sessions/{id}");
        // every accepted advance moved exactly one bar and bumped the version once
        Assert.Equal(ok, (int)session["bar_index"]!);
        Assert.Equal(1 + ok, (long)session["version"]!);
    }

    [Fact]
    public async Task Close_BecomesACompletedBacktradingRun_ThenActions409()
    {
        var client = await NewUserAsync("closer");
        string id = await CreateAsync(client);
        await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/orders", new { side = "buy", type = "market", quantity = 10 });
        await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/advance", new { bars = 1 });

        var closed = await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/close", new { at = "close" });

        // bought 10 at 201.4 (2005-01-04 open), sold at that day's 194.5 close: pnl 10 x (194.5 - 201.4) = -69
        string runId = (string)closed["run_id"]!;
        Assert.Equal("closed", (string)closed["session"]!["status"]!);
        var run = await client.GetJsonAsync($"/api/backtests/{runId}");
        Assert.Equal("backtrading_session", (string)run["kind"]!);
        Assert.Equal("completed", (string)run["status"]!);
        var results = await client.GetJsonAsync($"/api/backtests/{runId}/results");
        Assert.Equal(9931, (double)results["metrics"]!["final_capital"]!, 6);
        var trades = (await client.GetJsonAsync($"/api/backtests/{runId}/trades")).ToJsonString();
        Assert.Contains("-69", trades);
        var equity = await client.GetJsonAsync($"/api/backtests/{runId}/equity");
        Assert.NotNull(equity);

        await ProblemAsync(client, HttpMethod.Post, $"/api/sessions/{id}/advance", new { bars = 1 }, HttpStatusCode.Conflict);
        await ProblemAsync(client, HttpMethod.Post, $"/api/sessions/{id}/orders", new { side = "buy", type = "market", quantity = 1 }, HttpStatusCode.Conflict);
        await ProblemAsync(client, HttpMethod.Post, $"/api/sessions/{id}/close", new { }, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Autopilot_GoogSma10x20_ClosesIntoTheReferenceBacktest(bool ownRulesStrategy)
    {
        var client = await NewUserAsync(ownRulesStrategy ? "pilot-rules" : "pilot");
        string strategyId = "sma_crossover";
        object parameters = new { fast_period = 10, slow_period = 20 };
        if (ownRulesStrategy)
        {
            // the sample's rules are sma_crossover written in the strategy language (DESIGN section 9)
            var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "samples", "strategies", "sma_crossover_rules.json")))!;
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/strategies", new StringContent(definition.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).StatusCode);
            strategyId = (string)definition["id"]!;
            parameters = new { fast = 10, slow = 20 };
        }
        string id = await CreateAsync(client, Start("2004-08-19", commission: 0.002));
        // two stretches: the autopilot keeps trading the same book
        await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/autopilot", new { strategy_id = strategyId, parameters, bars = 1000 });
        var last = await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/autopilot", new { strategy_id = strategyId, parameters, bars = 5000 });
        Assert.True((bool)last["reached_end"]!);

        string runId = (string)(await OkAsync(client, HttpMethod.Post, $"/api/sessions/{id}/close", new { }))["run_id"]!;

        var metrics = (await client.GetJsonAsync($"/api/backtests/{runId}/results"))["metrics"]!;
        Assert.Equal(63341.19136, Math.Round((double)metrics["final_capital"]!, 5));
        Assert.Equal(46, (int)metrics["total_trades"]!);
        Assert.Equal(1, (int)metrics["open_trades"]!);
    }

    [Fact]
    public async Task OpenApi_DescribesTheSessionRoutes()
    {
        var doc = JsonNode.Parse(await fixture.Factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject();

        foreach (var path in new[] { "/api/sessions", "/api/sessions/{id}", "/api/sessions/{id}/bars", "/api/sessions/{id}/orders",
            "/api/sessions/{id}/orders/{orderId}", "/api/sessions/{id}/fills", "/api/sessions/{id}/advance", "/api/sessions/{id}/close", "/api/sessions/{id}/autopilot" })
            Assert.True(paths.ContainsKey(path), $"missing {path}");
        Assert.NotNull(paths["/api/sessions"]!["post"]!["responses"]!["201"]);
        Assert.NotNull(paths["/api/sessions/{id}/orders/{orderId}"]!["delete"]);
    }
}
