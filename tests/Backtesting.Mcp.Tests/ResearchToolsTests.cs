using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Engine.MonteCarlo;
using Backtesting.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace Backtesting.Mcp.Tests;

/// <summary>The research tools through the C# SDK client over HTTP, against the real local host and its GOOG bars.</summary>
public sealed class ResearchToolsTests(McpHostFixture host) : IClassFixture<McpHostFixture>, IAsyncLifetime
{
    private static readonly string[] ResearchTools =
        ["compare_strategies", "get_research_results", "run_monte_carlo", "run_optimization", "run_portfolio_backtest", "run_walk_forward"];

    private static readonly Dictionary<string, object?> GoogSma10x20 = new() { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 };

    private McpClient _client = null!;

    public async Task InitializeAsync() => _client = await McpConnections.ConnectAsync(host.Factory, host.AliceKey);

    public async Task DisposeAsync() => await _client.DisposeAsync();

    private async Task<ToolAnswer> CallAsync(string tool, Dictionary<string, object?> arguments) =>
        ToolAnswer.From(await _client.CallToolAsync(tool, arguments));

    /// <summary>Checks the completed answer's two resources and returns the summary.</summary>
    private static JsonObject CompletedSummary(ToolAnswer answer, string kind)
    {
        Assert.False(answer.IsError, answer.Text);
        Assert.Equal(2, answer.Resources.Count);
        var status = answer.Resources[0];
        string id = (string)status.Json["backtest_id"]!;
        Assert.Equal($"backtest://{id}", status.Uri);
        Assert.Equal(["backtest_id", "status"], ToolAnswer.Keys(status.Json));
        Assert.Equal("completed", (string)status.Json["status"]!);
        var summary = answer.Resource($"backtest://{id}/summary");
        Assert.Equal(["backtest_id", "kind", "summary"], ToolAnswer.Keys(summary));
        Assert.Equal(kind, (string)summary["kind"]!);
        Assert.Contains($"{id} completed", answer.Text);
        return summary["summary"]!.AsObject();
    }

    [Fact]
    public async Task ListTools_HasTheResearchToolsWithDescribedTypedParameters()
    {
        var tools = (await _client.ListToolsAsync()).ToDictionary(t => t.Name);

        foreach (string name in ResearchTools)
        {
            Assert.True(tools.ContainsKey(name), name);
            Assert.True(tools[name].Description.Length > 200, $"{name} needs a description an agent can act on");
            var schema = JsonNode.Parse(tools[name].ProtocolTool.InputSchema.GetRawText())!.AsObject();
            foreach (var (argument, property) in schema["properties"]!.AsObject())
            {
                Assert.False(string.IsNullOrEmpty((string?)property!["description"]), $"{name}.{argument}");
                Assert.NotNull(property["type"]);
            }
        }
        JsonNode Property(string tool, string name) => JsonNode.Parse(tools[tool].ProtocolTool.InputSchema.GetRawText())!["properties"]![name]!;
        Assert.Equal(["rolling", "anchored"], Property("run_walk_forward", "mode")["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["trade_reshuffle", "trade_bootstrap", "block_bootstrap", "gbm"], Property("run_monte_carlo", "method")["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(100_000, (int)Property("run_monte_carlo", "paths")["maximum"]!);
        // the walk-forward batch limit REST enforces (ResearchValidationTests rejects 501 there)
        Assert.Equal(500, (int)Property("run_walk_forward", "batch_size")["maximum"]!);
        Assert.Contains("sharpe_ratio", Property("run_optimization", "objective")["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("array", (string)Property("run_portfolio_backtest", "assets")["type"]!);
        Assert.NotNull(Property("run_portfolio_backtest", "assets")["items"]!["properties"]!["weight"]);
        Assert.Equal(1, (int)Property("compare_strategies", "candidates")["minItems"]!);
        Assert.True(tools["get_research_results"].ProtocolTool.Annotations?.ReadOnlyHint);
        Assert.Contains("run_walk_forward", _client.ServerInstructions!);
    }

    [Fact]
    public async Task RunOptimization_MinTrades_MarksThinCellsAndKeepsThemOutOfBest()
    {
        // 10/20 closes 46 trades on GOOG (DESIGN section 6); 10/200 far fewer: with min_trades 46 only 10/20 qualifies
        var answer = await CallAsync("run_optimization", new()
        {
            ["strategy_id"] = "sma_crossover",
            ["asset_symbol"] = "GOOG",
            ["parameters"] = new Dictionary<string, object?> { ["commission"] = 0.002 },
            ["grid"] = new Dictionary<string, object?> { ["fast_period"] = new[] { 10 }, ["slow_period"] = new[] { 20, 200 } },
            ["objective"] = "total_trades",
            ["maximize"] = false,
            ["min_trades"] = 46,
            ["wait_seconds"] = 60,
        });

        var summary = CompletedSummary(answer, "backtest_optimization");
        Assert.Equal(46, (int)summary["min_trades"]!);
        Assert.Equal(1, (int)summary["below_min_trades"]!);
        // minimizing total_trades would pick 10/200 without the minimum; with it, 10/20 is best and 10/200 is marked
        Assert.Equal(20, (int)summary["best"]!["params"]!["slow_period"]!);
        var last = summary["top"]!.AsArray()[^1]!;
        Assert.Equal(200, (int)last["params"]!["slow_period"]!);
        Assert.True((bool)last["below_min_trades"]!);
    }

    [Fact]
    public async Task RunOptimization_GoogGridWithWait_AnswersWithTheReferenceBestCell()
    {
        var answer = await CallAsync("run_optimization", new()
        {
            ["strategy_id"] = "sma_crossover",
            ["asset_symbol"] = "GOOG",
            ["parameters"] = new Dictionary<string, object?> { ["commission"] = 0.002 },
            ["grid"] = new Dictionary<string, object?> { ["fast_period"] = new { start = 5, stop = 50, step = 5 }, ["slow_period"] = "20:200:20" },
            ["batch_size"] = 9,
            ["wait_seconds"] = 60,
        });

        var summary = CompletedSummary(answer, "backtest_optimization");
        Assert.Equal(100, (int)summary["cells"]!);
        Assert.Equal(10, (int)summary["skipped"]!);
        Assert.Equal(1.08115269, (double)summary["best"]!["metrics"]!["sharpe_ratio"]!, 1e-8);
        Assert.Contains("best by sharpe_ratio: commission=0.002, fast_period=10, slow_period=20 with sharpe_ratio 1.0812", answer.Text);
        // the best cell's backtest is the run's
        string id = (string)answer.Resources[0].Json["backtest_id"]!;
        var metrics = await CallAsync("get_metrics", new() { ["backtest_id"] = id, ["metrics"] = new[] { "final_capital" } });
        Assert.Equal(63341.19136, (double)metrics.Resource($"backtest://{id}/metrics")["metrics"]!["final_capital"]!, 4);
    }

    [Fact]
    public async Task RunWalkForward_WithWait_AnswersWithEveryWindowAndTheStitchedResult()
    {
        var answer = await CallAsync("run_walk_forward", new()
        {
            ["strategy_id"] = "sma_crossover",
            ["asset_symbol"] = "GOOG",
            ["grid"] = new Dictionary<string, object?> { ["fast_period"] = new[] { 5, 10 }, ["slow_period"] = new[] { 20, 40 } },
            ["in_sample"] = "500",
            ["out_of_sample"] = "250",
            ["mode"] = "anchored",
            ["wait_seconds"] = 60,
        });

        var summary = CompletedSummary(answer, "backtest_walk_forward");
        Assert.Equal("anchored", (string)summary["mode"]!);
        int windows = (int)summary["windows"]!;
        Assert.InRange(windows, 6, 7);
        Assert.Equal(windows, summary["window_results"]!.AsArray().Count);
        // anchored: every in-sample window starts at the first bar
        Assert.Single(summary["window_results"]!.AsArray().Select(w => (string)w!["in_sample"]!["start"]!).Distinct());
        Assert.Contains($"{windows} windows (anchored, in-sample 500, out-of-sample 250", answer.Text);
        Assert.Contains("walk_forward_efficiency", answer.Text);
    }

    [Fact]
    public async Task RunMonteCarlo_WithWait_PercentilesEqualTheEngineWithTheSameSeed()
    {
        var answer = await CallAsync("run_monte_carlo", new()
        {
            ["strategy_id"] = "sma_crossover",
            ["asset_symbol"] = "GOOG",
            ["parameters"] = GoogSma10x20,
            ["method"] = "trade_bootstrap",
            ["paths"] = 300,
            ["seed"] = 7,
            ["percentiles"] = new[] { 10.0, 50, 90 },
            ["batch_size"] = 40,
            ["wait_seconds"] = 60,
        });

        var summary = CompletedSummary(answer, "backtest_monte_carlo");
        var bars = await host.Factory.Services.GetRequiredService<BarLoader>().LoadAsync("GOOG", "1d", null, null);
        var direct = MonteCarloSimulator.Run(bars, new MonteCarloRequest
        {
            StrategyId = "sma_crossover", Parameters = GoogSma10x20, InitialCapital = 10_000, Method = MonteCarloMethod.TradeBootstrap,
            Paths = 300, Seed = 7, Percentiles = [10, 50, 90],
        });
        foreach (var distribution in direct.Distributions)
            for (int k = 0; k < 3; k++)
                Assert.Equal(distribution.Percentiles[k], (double)summary["distributions"]![distribution.Metric]![$"p{direct.Levels[k]}"]!);
        Assert.Equal(direct.ProbabilityOfLoss, (double)summary["probability_of_loss"]!);
        Assert.Contains("300 trade_bootstrap paths (seed 7); final_capital p10 ", answer.Text);
    }

    [Fact]
    public async Task RunPortfolioBacktest_OneAssetAtWeightOne_IsTheReferenceBacktest()
    {
        var answer = await CallAsync("run_portfolio_backtest", new()
        {
            ["assets"] = new[] { new { symbol = "GOOG", weight = 1.0 } },
            ["strategy_id"] = "sma_crossover",
            ["parameters"] = GoogSma10x20,
            ["wait_seconds"] = 60,
        });

        var summary = CompletedSummary(answer, "backtest_portfolio");
        Assert.Equal(63341.19136, (double)summary["portfolio_metrics"]!["final_capital"]!, 4);
        Assert.Equal(46, (int)summary["portfolio_metrics"]!["total_trades"]!);
        Assert.Equal(5.334119136, (double)summary["assets"]![0]!["contribution"]!, 8);
        Assert.Contains("contributions: GOOG 5.3341 (weight 1)", answer.Text);
    }

    [Fact]
    public async Task RunPortfolioBacktest_WrongTypeInsideAnAsset_NamesTheNestedField()
    {
        var answer = await CallAsync("run_portfolio_backtest", new()
        {
            ["assets"] = new object[] { new { symbol = "GOOG", weight = "heavy" }, new { weight = 0.5 } },
            ["strategy_id"] = "sma_crossover",
        });

        Assert.True(answer.IsError);
        Assert.Contains("assets[0].weight: value \"heavy\" must be", answer.Text);
        Assert.Contains("assets[1].symbol: is required", answer.Text);
    }

    [Fact]
    public async Task CompareStrategies_WithWait_RanksTheCandidatesAndCorrelatesThem()
    {
        var answer = await CallAsync("compare_strategies", new()
        {
            ["asset_symbol"] = "GOOG",
            ["strategy_id"] = "sma_crossover",
            ["parameters"] = new Dictionary<string, object?> { ["commission"] = 0.002 },
            ["candidates"] = new object[]
            {
                new { parameters = new { fast_period = 10, slow_period = 20 }, label = "sma 10/20" },
                new { parameters = new { fast_period = 20, slow_period = 50 }, label = "sma 20/50" },
                new { strategy_id = "buy_and_hold", label = "benchmark" },
            },
            ["rank_by"] = "total_return",
            ["wait_seconds"] = 60,
        });

        var summary = CompletedSummary(answer, "backtest_comparison");
        var candidates = summary["candidates"]!.AsArray();
        Assert.Equal(["sma 10/20", "sma 20/50", "benchmark"], candidates.Select(c => (string)c!["label"]!));
        Assert.Equal(63341.19136, (double)candidates[0]!["metrics"]!["final_capital"]!, 4);
        var returns = candidates.Select(c => (double)c!["metrics"]!["total_return"]!).ToArray();
        var expected = Enumerable.Range(0, 3).OrderByDescending(i => returns[i]).ToArray();
        Assert.Equal(expected, summary["ranking"]!.AsArray().Select(r => (int)r!["index"]!));
        Assert.Equal(1.0, (double)summary["correlation"]!["matrix"]![1]![1]!, 12);
        Assert.StartsWith($"Strategy comparison {answer.Resources[0].Json["backtest_id"]} completed: ranked by total_return: 1. ", answer.Text);
    }

    [Fact]
    public async Task RunWithoutWait_AnswersAtOnce_ThenGetResearchResultsGivesTheSummary()
    {
        var started = await CallAsync("run_monte_carlo", new() { ["strategy_id"] = "sma_crossover", ["asset_symbol"] = "GOOG", ["paths"] = 100 });

        Assert.False(started.IsError, started.Text);
        Assert.StartsWith("Monte Carlo study started successfully", started.Text);
        var (uri, json, _) = Assert.Single(started.Resources);
        string id = (string)json["backtest_id"]!;
        Assert.Equal($"backtest://{id}", uri);
        // wait for the run's completion event (the hub remembers it if the run already ended), then ask once
        var hub = host.Factory.Services.GetRequiredService<RunEventHub>();
        using (var subscription = hub.Subscribe(id))
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            if (hub.Last(id) is not { IsFinal: true })
                await foreach (var e in subscription.Events.ReadAllAsync(deadline.Token))
                    if (e.IsFinal) break;
        }
        var answer = await CallAsync("get_research_results", new() { ["backtest_id"] = id });
        Assert.False(answer.IsError, answer.Text);
        Assert.Equal(100, (int)CompletedSummary(answer, "backtest_monte_carlo")["paths"]!);
    }

    [Fact]
    public async Task GetResearchResults_SingleBacktestOrAnotherUsersRun_IsNotFound()
    {
        var backtest = await CallAsync("run_backtest", GoogReference.Arguments(waitSeconds: 0));
        string backtestId = (string)backtest.Resources[0].Json["backtest_id"]!;
        var research = await CallAsync("run_monte_carlo", new() { ["strategy_id"] = "sma_crossover", ["asset_symbol"] = "GOOG", ["paths"] = 10, ["wait_seconds"] = 60 });
        string researchId = (string)research.Resources[0].Json["backtest_id"]!;
        await using var bob = await McpConnections.ConnectAsync(host.Factory, host.BobKey);

        var single = await CallAsync("get_research_results", new() { ["backtest_id"] = backtestId });
        var others = ToolAnswer.From(await bob.CallToolAsync("get_research_results", new Dictionary<string, object?> { ["backtest_id"] = researchId }));

        Assert.True(single.IsError);
        Assert.Contains("single backtests are read with get_backtest_results", single.Text);
        Assert.True(others.IsError);
        Assert.Contains($"no research run '{researchId}'", others.Text);
    }

    [Fact]
    public async Task BadArguments_NameEveryFieldAndWhatIsAllowed()
    {
        var walk = await CallAsync("run_walk_forward", new()
        {
            ["strategy_id"] = "sma_crossover", ["asset_symbol"] = "GOOG", ["grid"] = new { fast_period = new[] { 5 } },
            ["in_sample"] = "ten", ["out_of_sample"] = "250", ["mode"] = "sideways",
        });
        var walkSemantics = await CallAsync("run_walk_forward", new()
        {
            ["strategy_id"] = "sma_crossover", ["asset_symbol"] = "GOOG", ["grid"] = new { warp = new[] { 5 } }, ["in_sample"] = "ten", ["out_of_sample"] = "250",
        });
        var carlo = await CallAsync("run_monte_carlo", new() { ["strategy_id"] = "sma_crossover", ["asset_symbol"] = "GOOG", ["paths"] = 0, ["method"] = "dice" });
        var portfolio = await CallAsync("run_portfolio_backtest", new() { ["assets"] = new[] { new { symbol = "GOOG", weight = 0.7 }, new { symbol = "NOPE", weight = 0.7 } } });
        var compare = await CallAsync("compare_strategies", new()
        {
            ["asset_symbol"] = "GOOG", ["candidates"] = new object[] { new { strategy_id = "sma_crossover" }, new { strategy_id = "moon" }, new { label = "no strategy" } },
        });
        var nested = await CallAsync("run_portfolio_backtest", new() { ["assets"] = new[] { new { symbol = "GOOG", weight = "heavy" } } });
        var rank = await CallAsync("compare_strategies", new() { ["asset_symbol"] = "GOOG", ["candidates"] = new[] { new { strategy_id = "buy_and_hold" } }, ["rank_by"] = "luck" });

        Assert.True(walk.IsError);
        Assert.Contains("mode: value \"sideways\" must be one of \"rolling\", \"anchored\"", walk.Text);
        Assert.True(walkSemantics.IsError);
        Assert.StartsWith("Invalid arguments for run_walk_forward", walkSemantics.Text);
        Assert.Contains("in_sample: value \"ten\" must be a bar count", walkSemantics.Text);
        Assert.Contains("grid.warp", walkSemantics.Text);
        Assert.True(carlo.IsError);
        Assert.Contains("paths: value 0 must be an integer in [1, 100000]", carlo.Text);
        Assert.Contains("method: value \"dice\" must be one of", carlo.Text);
        Assert.True(portfolio.IsError);
        Assert.Contains("assets: value 1.4 weights sum to more than 1", portfolio.Text);
        Assert.True(compare.IsError);
        Assert.Contains("candidates[1].strategy_id: value 'moon' is not a known strategy", compare.Text);
        Assert.Contains("candidates[2].strategy_id", compare.Text);
        // a wrong type inside an item fails the SDK's binding (the argument check does not look into items' properties yet)
        Assert.True(nested.IsError);
        Assert.True(rank.IsError);
        Assert.Contains("rank_by: value \"luck\" must be one of \"final_capital\"", rank.Text);
    }
}
