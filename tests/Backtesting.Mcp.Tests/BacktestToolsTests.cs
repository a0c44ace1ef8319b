using System.Text.Json.Nodes;
using Backtesting.Mcp.Tests.Support;
using ModelContextProtocol.Client;

namespace Backtesting.Mcp.Tests;

/// <summary>The backtest tools through the C# SDK client over HTTP, against the real local host.</summary>
public sealed class BacktestToolsTests(McpHostFixture host) : IClassFixture<McpHostFixture>, IAsyncLifetime
{
    private McpClient _client = null!;

    public async Task InitializeAsync() => _client = await McpConnections.ConnectAsync(host.Factory, host.AliceKey);

    public async Task DisposeAsync() => await _client.DisposeAsync();

    private async Task<ToolAnswer> CallAsync(string tool, Dictionary<string, object?>? arguments = null) =>
        ToolAnswer.From(await _client.CallToolAsync(tool, arguments));

    private async Task<string> RunGoogAsync()
    {
        var answer = await CallAsync("run_backtest", GoogReference.Arguments());
        Assert.False(answer.IsError, answer.Text);
        return (string)answer.Resources[0].Json["backtest_id"]!;
    }

    [Fact]
    public async Task RunBacktest_GoogWithWait_ReturnsStatusAndResultsInThePlatformShapesMatchingTheReference()
    {
        var answer = await CallAsync("run_backtest", GoogReference.Arguments());

        Assert.False(answer.IsError, answer.Text);
        Assert.StartsWith("Backtest bt-", answer.Text);
        Assert.Equal(2, answer.Resources.Count);
        var status = answer.Resources[0];
        string id = (string)status.Json["backtest_id"]!;
        Assert.Equal($"backtest://{id}", status.Uri);
        Assert.Equal(["backtest_id", "status"], ToolAnswer.Keys(status.Json));
        Assert.Equal("completed", (string)status.Json["status"]!);
        var results = answer.Resource($"backtest://{id}/results");
        Assert.Equal(["equity_curve", "metrics", "trades"], ToolAnswer.Keys(results));
        GoogReference.AssertMatches(results);
        Assert.Equal(Backtesting.Mcp.Tools.BacktestTools.DefaultTradesLimit, results["trades"]!.AsArray().Count);
        Assert.InRange(results["equity_curve"]!.AsArray().Count, 2, Backtesting.Mcp.Tools.BacktestTools.DefaultMaxPoints);
        var paging = answer.Meta($"backtest://{id}/results")!;
        Assert.Equal(47, (int)paging["trades_total"]!);
    }

    [Fact]
    public async Task RunBacktest_WithoutWait_AnswersAtOnceWithTheStartedStatus()
    {
        var args = GoogReference.Arguments(waitSeconds: 0);
        args.Remove("wait_seconds");

        var answer = await CallAsync("run_backtest", args);

        Assert.False(answer.IsError, answer.Text);
        Assert.StartsWith("Backtest started successfully", answer.Text);
        var (uri, json, meta) = Assert.Single(answer.Resources);
        Assert.Equal(["backtest_id", "status"], ToolAnswer.Keys(json));
        Assert.Equal($"backtest://{json["backtest_id"]}", uri);
        Assert.Contains((string)json["status"]!, new[] { "pending", "running" });
        Assert.Equal("sma_crossover", (string)meta!["strategy_id"]!);
    }

    [Fact]
    public async Task GetBacktestStatus_WithWaitOnAStartedRun_AnswersWhenItEndsWithItsResultsReadable()
    {
        var args = GoogReference.Arguments(waitSeconds: 0, chunks: 4);
        var started = await CallAsync("run_backtest", args);
        string id = (string)started.Resources[0].Json["backtest_id"]!;

        var answer = await CallAsync("get_backtest_status", new() { ["backtest_id"] = id, ["wait_seconds"] = 60 });

        Assert.False(answer.IsError, answer.Text);
        Assert.Equal("completed", (string)answer.Resource($"backtest://{id}")["status"]!);
        Assert.Equal(100, (double)answer.Meta($"backtest://{id}")!["progress"]!);
        GoogReference.AssertMatches((await CallAsync("get_backtest_results", new() { ["backtest_id"] = id })).Resource($"backtest://{id}/results"));
    }

    [Fact]
    public async Task GetBacktestStatus_CompletedRun_ReportsCompletedWithTheRunInMeta()
    {
        string id = await RunGoogAsync();

        var answer = await CallAsync("get_backtest_status", new() { ["backtest_id"] = id });

        Assert.False(answer.IsError, answer.Text);
        Assert.Contains("completed", answer.Text);
        var json = answer.Resource($"backtest://{id}");
        Assert.Equal(["backtest_id", "status"], ToolAnswer.Keys(json));
        Assert.Equal("completed", (string)json["status"]!);
        Assert.Equal(100, (double)answer.Meta($"backtest://{id}")!["progress"]!);
    }

    [Fact]
    public async Task GetBacktestResults_PagesTradesAndDownsamplesTheCurve()
    {
        string id = await RunGoogAsync();

        var first = await CallAsync("get_backtest_results", new() { ["backtest_id"] = id });
        var last = await CallAsync("get_backtest_results", new() { ["backtest_id"] = id, ["trades_offset"] = 45, ["trades_limit"] = 10, ["max_points"] = 10 });

        Assert.False(first.IsError, first.Text);
        Assert.StartsWith("Backtest results retrieved successfully", first.Text);
        var firstResults = first.Resource($"backtest://{id}/results");
        Assert.Equal(["equity_curve", "metrics", "trades"], ToolAnswer.Keys(firstResults));
        GoogReference.AssertMatches(firstResults);
        var lastResults = last.Resource($"backtest://{id}/results");
        var trades = lastResults["trades"]!.AsArray();
        Assert.Equal(2, trades.Count);
        Assert.Equal("open", (string)trades[1]!["status"]!);
        Assert.InRange(lastResults["equity_curve"]!.AsArray().Count, 2, 10);
        var paging = last.Meta($"backtest://{id}/results")!;
        Assert.Equal(47, (int)paging["trades_total"]!);
        Assert.Equal(45, (int)paging["trades_offset"]!);
        Assert.True((int)paging["equity_points_total"]! > 2000);
        Assert.Contains("trades 46-47 of 47", last.Text);
    }

    [Fact]
    public async Task GetMetrics_NamedMetrics_ReturnsOnlyThose()
    {
        string id = await RunGoogAsync();

        var answer = await CallAsync("get_metrics", new() { ["backtest_id"] = id, ["metrics"] = new[] { "sharpe_ratio", "total_trades" } });

        Assert.False(answer.IsError, answer.Text);
        var json = answer.Resource($"backtest://{id}/metrics");
        Assert.Equal(id, (string)json["backtest_id"]!);
        var metrics = json["metrics"]!.AsObject();
        Assert.Equal(["sharpe_ratio", "total_trades"], ToolAnswer.Keys(metrics));
        Assert.Equal(1.08115269, (double)metrics["sharpe_ratio"]!, 7);
        Assert.Contains("sharpe_ratio 1.08115", answer.Text);
    }

    [Fact]
    public async Task GetMetrics_NoNames_ReturnsEveryMetric()
    {
        string id = await RunGoogAsync();

        var answer = await CallAsync("get_metrics", new() { ["backtest_id"] = id });

        var metrics = answer.Resource($"backtest://{id}/metrics")["metrics"]!.AsObject();
        Assert.Equal(Engine.Metrics.MetricNames.All.Order(StringComparer.Ordinal), ToolAnswer.Keys(metrics));
    }

    [Fact]
    public async Task ListBacktests_ShowsTheCallersRunsNewestFirst()
    {
        string id = await RunGoogAsync();

        var answer = await CallAsync("list_backtests", new() { ["status"] = "completed", ["limit"] = 5 });

        Assert.False(answer.IsError, answer.Text);
        var page = answer.Resource("backtesting://backtests");
        Assert.Equal(id, (string)page["items"]!.AsArray()[0]!["backtest_id"]!);
        Assert.All(page["items"]!.AsArray(), run => Assert.Equal("completed", (string)run!["status"]!));
        Assert.Contains(id, answer.Text);
    }

    [Fact]
    public async Task CancelBacktest_FinishedRun_LeavesItAsItIs()
    {
        string id = await RunGoogAsync();

        var answer = await CallAsync("cancel_backtest", new() { ["backtest_id"] = id });

        Assert.False(answer.IsError, answer.Text);
        Assert.Contains("already completed", answer.Text);
        Assert.Equal("completed", (string)answer.Resource($"backtest://{id}")["status"]!);
    }

    [Fact]
    public async Task Resources_ReadBacktestResultsAndMetrics_GiveTheToolShapes()
    {
        string id = await RunGoogAsync();

        var status = await _client.ReadResourceAsync($"backtest://{id}");
        var results = await _client.ReadResourceAsync($"backtest://{id}/results");
        var metrics = await _client.ReadResourceAsync($"backtest://{id}/metrics");

        var statusJson = Json(status);
        Assert.Equal(["backtest_id", "status"], ToolAnswer.Keys(statusJson));
        var resultsJson = Json(results);
        Assert.Equal(["equity_curve", "metrics", "trades"], ToolAnswer.Keys(resultsJson));
        GoogReference.AssertMatches(resultsJson);
        Assert.Equal(["backtest_id", "metrics"], ToolAnswer.Keys(Json(metrics)));
    }

    [Fact]
    public async Task Resources_AreListedAsTemplatesAndCatalogs()
    {
        var templates = await _client.ListResourceTemplatesAsync();
        var resources = await _client.ListResourcesAsync();

        Assert.Equal(
            ["backtest://{id}", "backtest://{id}/metrics", "backtest://{id}/results", "session://{id}", "session://{id}/fills", "session://{id}/orders"],
            templates.Select(t => t.UriTemplate).Order(StringComparer.Ordinal));
        Assert.All(templates, t => Assert.Equal("application/json", t.MimeType));
        Assert.Equal(
            ["backtesting://assets", "backtesting://backtests", "backtesting://strategies"],
            resources.Select(r => r.Uri).Order(StringComparer.Ordinal));
        var strategies = Json(await _client.ReadResourceAsync("backtesting://strategies"));
        Assert.Contains(strategies["strategies"]!.AsArray(), s => (string)s!["id"]! == "sma_crossover");
    }

    private static JsonObject Json(ModelContextProtocol.Protocol.ReadResourceResult result)
    {
        var contents = Assert.IsType<ModelContextProtocol.Protocol.TextResourceContents>(Assert.Single(result.Contents));
        Assert.Equal("application/json", contents.MimeType);
        return JsonNode.Parse(contents.Text)!.AsObject();
    }
}
