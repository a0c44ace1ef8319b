using System.Net;
using System.Text.Json.Nodes;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>The happy path and the run lifecycle, run against both storage backends.</summary>
public abstract class BacktestsApiContractTests(LocalHostFactory factory)
{
    [Fact]
    public async Task Submit_GoogSma10x20_CompletesWithReferenceResults()
    {
        var client = await factory.CreateUserClientAsync("happy-" + Guid.NewGuid().ToString("N")[..6]);
        var (status, body, response) = await client.SendJsonAsync(HttpMethod.Post, "/api/backtests", ApiClient.GoogRequest(chunks: 3));

        Assert.Equal(HttpStatusCode.Accepted, status);
        string id = (string)body!["backtest_id"]!;
        Assert.StartsWith("bt-", id);
        Assert.Equal($"/api/backtests/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal($"/api/backtests/{id}/results", (string)body["links"]!["results"]!);

        var run = await client.WaitForTerminalAsync(id);
        Assert.Equal("completed", (string)run["status"]!);
        Assert.Equal(100, (double)run["progress"]!);

        var results = await client.GetJsonAsync($"/api/backtests/{id}/results?trades_limit=5&max_points=100");
        var metrics = results["metrics"]!;
        // DESIGN.md section 6
        Assert.Equal(63341.19136, (double)metrics["final_capital"]!, 1e-5);
        Assert.Equal(46, (int)metrics["total_trades"]!);
        Assert.Equal(1, (int)metrics["open_trades"]!);
        Assert.Equal(1.08115269, (double)metrics["sharpe_ratio"]!, 1e-8);
        Assert.Equal(5908.84864, (double)metrics["total_fees"]!, 1e-6);
        var trades = results["trades"]!;
        Assert.Equal(47, (int)trades["total"]!);
        var first = trades["items"]![0]!;
        Assert.Equal(55m, (decimal)first["quantity"]!);
        Assert.Equal(179.13m, (decimal)first["entry_price"]!);
        Assert.Equal(182.00m, (decimal)first["exit_price"]!);
        Assert.Equal(118.1257, (double)first["pnl"]!, 1e-9);
        Assert.StartsWith("2004-12-06", (string)first["entry_date"]!);
        Assert.True(results["equity_curve"]!.AsArray().Count <= 100);
        Assert.Equal(2148, (int)results["equity_points_total"]!);
    }

    [Fact]
    public async Task TradesAndEquity_PageAndDownsample()
    {
        var client = await factory.CreateUserClientAsync("pages-" + Guid.NewGuid().ToString("N")[..6]);
        string id = await client.RunToCompletionAsync(ApiClient.GoogRequest());

        var page = await client.GetJsonAsync($"/api/backtests/{id}/trades?offset=40&limit=10");
        Assert.Equal(47, (int)page["total"]!);
        Assert.Equal(7, page["items"]!.AsArray().Count);
        Assert.Equal("open", (string)page["items"]![6]!["status"]!);

        var equity = await client.GetJsonAsync($"/api/backtests/{id}/equity?max_points=50");
        var points = equity["points"]!.AsArray();
        Assert.Equal(2148, (int)equity["total_points"]!);
        Assert.InRange(points.Count, 2, 50);
        Assert.Equal(63341.19136, (double)points[^1]![1]!, 1e-5);
        // the deepest trough of the full curve survives downsampling
        var full = await client.GetJsonAsync($"/api/backtests/{id}/equity?max_points=100000");
        double min = full["points"]!.AsArray().Min(p => (double)p![1]!);
        Assert.Contains(points, p => (double)p![1]! == min);

        var metrics = await client.GetJsonAsync($"/api/backtests/{id}/metrics?names=final_capital,win_rate");
        var selected = metrics["metrics"]!.AsObject();
        Assert.Equal(["final_capital", "win_rate"], selected.Select(kv => kv.Key).ToArray());
        Assert.Equal(0.6086956522, (double)selected["win_rate"]!, 1e-9);
    }

    [Fact]
    public async Task ChunkCount_DoesNotChangeResults()
    {
        var client = await factory.CreateUserClientAsync("chunks-" + Guid.NewGuid().ToString("N")[..6]);
        var outcomes = new List<(JsonNode Metrics, string Trades)>();
        foreach (int chunks in new[] { 1, 7, 50 })
        {
            string id = await client.RunToCompletionAsync(ApiClient.GoogRequest(chunks: chunks));
            var results = await client.GetJsonAsync($"/api/backtests/{id}/results?trades_limit=1000");
            var trades = results["trades"]!["items"]!.AsArray().Select(t => { var o = t!.AsObject().DeepClone().AsObject(); o.Remove("id"); o.Remove("run_id"); return o.ToJsonString(); });
            outcomes.Add((results["metrics"]!, string.Join("\n", trades)));
        }
        Assert.Equal(outcomes[0].Metrics.ToJsonString(), outcomes[1].Metrics.ToJsonString());
        Assert.Equal(outcomes[0].Metrics.ToJsonString(), outcomes[2].Metrics.ToJsonString());
        Assert.Equal(outcomes[0].Trades, outcomes[1].Trades);
        Assert.Equal(outcomes[0].Trades, outcomes[2].Trades);
    }

    [Fact]
    public async Task Users_SeeOnlyTheirOwnRuns()
    {
        var alice = await factory.CreateUserClientAsync("alice-" + Guid.NewGuid().ToString("N")[..6]);
        var bob = await factory.CreateUserClientAsync("bob-" + Guid.NewGuid().ToString("N")[..6]);
        string id = await alice.RunToCompletionAsync(ApiClient.GoogRequest());

        foreach (string path in new[] { "", "/results", "/trades", "/equity", "/metrics", "/events" })
        {
            var response = await bob.GetAsync($"/api/backtests/{id}{path}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"/api/backtests/{id}")).StatusCode);
        var bobList = await bob.GetJsonAsync("/api/backtests");
        Assert.Equal(0, (int)bobList["total"]!);
        var aliceList = await alice.GetJsonAsync("/api/backtests?status=completed");
        Assert.Equal(id, (string)aliceList["items"]![0]!["backtest_id"]!);
    }

    [Fact]
    public async Task FiftyConcurrentBacktestsFromFiveUsers_AllCompleteOnce()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 5).Select(u => factory.CreateUserClientAsync($"load{u}-" + Guid.NewGuid().ToString("N")[..6])));
        var submissions = clients.SelectMany(c => Enumerable.Range(0, 10).Select(async i =>
        {
            var (status, body, _) = await c.SendJsonAsync(HttpMethod.Post, "/api/backtests", ApiClient.GoogRequest(chunks: 1 + i % 3, fast: 5 + i, slow: 30));
            Assert.Equal(HttpStatusCode.Accepted, status);
            return (Client: c, Id: (string)body!["backtest_id"]!, Fast: 5 + i);
        })).ToArray();
        var runs = await Task.WhenAll(submissions);
        Assert.Equal(50, runs.Select(r => r.Id).Distinct().Count());
        await Task.WhenAll(runs.Select(r => r.Client.WaitForTerminalAsync(r.Id, TimeSpan.FromSeconds(120))));

        foreach (var client in clients)
        {
            var list = await client.GetJsonAsync("/api/backtests?limit=100");
            Assert.Equal(10, (int)list["total"]!);
            Assert.All(list["items"]!.AsArray(), r => Assert.Equal("completed", (string)r!["status"]!));
        }
        // the same parameters give the same result whoever ran them
        var byFast = new Dictionary<int, double>();
        foreach (var r in runs)
        {
            double final = (double)(await r.Client.GetJsonAsync($"/api/backtests/{r.Id}/metrics?names=final_capital"))["metrics"]!["final_capital"]!;
            if (byFast.TryGetValue(r.Fast, out double seen)) Assert.Equal(seen, final);
            else byFast[r.Fast] = final;
        }
    }
}

public sealed class SqliteBacktestsApiTests(SqliteHostFixture fixture) : BacktestsApiContractTests(fixture.Factory), IClassFixture<SqliteHostFixture>;

public sealed class PostgresBacktestsApiTests(PostgresHostFixture fixture) : BacktestsApiContractTests(fixture.Factory), IClassFixture<PostgresHostFixture>;
