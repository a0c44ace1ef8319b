using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Schedules;
using Backtesting.Http.Handlers;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>
/// A stored user strategy runs wherever a built-in does, with the same numbers: the rules of DESIGN section 9
/// (sma crossovers compared exactly) stored under the built-in's parameter names reproduce sma_crossover in a
/// backtest (10/20 on GOOG: 63341.19136, 46 closed + 1 open trades, design section 6), a grid, a random search,
/// a walk-forward, a Monte Carlo study, a portfolio, a comparison and a schedule.
/// </summary>
public sealed class UserStrategyRunsTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private const string Rules = "my_sma_rules";
    private const double ReferenceFinalCapital = 63341.19136;

    /// <summary>A user with the rules strategy stored; its parameters carry the built-in's names so summaries compare whole.</summary>
    private async Task<HttpClient> UserWithRulesAsync(string name) => (await NewUserWithRulesAsync(name)).Client;

    private async Task<(HttpClient Client, string UserId)> NewUserWithRulesAsync(string name)
    {
        string userId = name + "-" + Guid.NewGuid().ToString("N")[..6];
        var client = await fixture.Factory.CreateUserClientAsync(userId);
        var definition = UserStrategiesApiTests.SmaRules(Rules,
            "crosses_above(sma(close, fast_period), sma(close, slow_period))", "crosses_below(sma(close, fast_period), sma(close, slow_period))");
        definition["parameters"] = new JsonObject
        {
            ["fast_period"] = new JsonObject { ["type"] = "integer", ["default"] = 10, ["minimum"] = 1, ["maximum"] = 500 },
            ["slow_period"] = new JsonObject { ["type"] = "integer", ["default"] = 30, ["minimum"] = 2, ["maximum"] = 1000 },
        };
        definition["constraints"] = new JsonArray("fast_period < slow_period");
        var (status, body, _) = await client.SendJsonAsync(HttpMethod.Post, StrategyHandlers.Prefix, definition);
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {body?.ToJsonString()}");
        return (client, userId);
    }

    private static object Goog(string strategy, object? extra = null)
    {
        var body = new JsonObject
        {
            ["strategy_id"] = strategy, ["asset_symbol"] = "GOOG", ["start_date"] = ResearchTestClient.Start, ["end_date"] = ResearchTestClient.End,
            ["initial_capital"] = 10000, ["parameters"] = new JsonObject { ["commission"] = 0.002 },
        };
        if (extra is not null)
            foreach (var (key, value) in System.Text.Json.JsonSerializer.SerializeToNode(extra)!.AsObject())
                body[key] = value?.DeepClone();
        return body;
    }

    private static async Task<double> RepresentativeAsync(HttpClient client, string id, string metric) =>
        (double)(await client.GetJsonAsync($"/api/backtests/{id}/metrics?names={metric}"))["metrics"]![metric]!;

    [Fact]
    public async Task Backtest_StoredRules_ReproduceTheReferenceRun()
    {
        var client = await UserWithRulesAsync("bt");

        string id = await client.RunToCompletionAsync(Goog(Rules, new { parameters = new { fast_period = 10, slow_period = 20, commission = 0.002 } }));

        var metrics = (await client.GetJsonAsync($"/api/backtests/{id}/results"))["metrics"]!;
        Assert.Equal(ReferenceFinalCapital, (double)metrics["final_capital"]!, 1e-5);
        Assert.Equal(46, (int)metrics["total_trades"]!);
        Assert.Equal(1, (int)metrics["open_trades"]!);
        Assert.Equal(Rules, (string)(await client.GetJsonAsync($"/api/backtests/{id}"))["strategy_id"]!);
    }

    [Fact]
    public async Task Backtest_StrategyDeletedAfterSubmission_RunsTheDefinitionItWasSubmittedWith()
    {
        var client = await UserWithRulesAsync("snap");
        var (status, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/backtests",
            Goog(Rules, new { parameters = new { fast_period = 10, slow_period = 20, commission = 0.002 } }));
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendJsonAsync(HttpMethod.Delete, $"{StrategyHandlers.Prefix}/{Rules}")).Status);

        var run = await client.WaitForTerminalAsync((string)body!["backtest_id"]!);

        Assert.Equal("completed", (string)run["status"]!);
        Assert.Equal(ReferenceFinalCapital, await RepresentativeAsync(client, (string)body["backtest_id"]!, "final_capital"), 1e-5);
    }

    [Fact]
    public async Task Grid_StoredRules_SameCellsAsTheBuiltIn()
    {
        var client = await UserWithRulesAsync("grid");
        var grid = new { grid = new { fast_period = new { start = 5, stop = 50, step = 5 }, slow_period = new { start = 20, stop = 200, step = 20 } } };

        var rules = await client.RunResearchAsync(ResearchHandlers.OptimizationsPrefix, Goog(Rules, grid));
        var builtIn = await client.RunResearchAsync(ResearchHandlers.OptimizationsPrefix, Goog("sma_crossover", grid));

        Assert.Equal(100, (int)rules.Summary()["cells"]!);
        Assert.Equal(ResearchTestClient.WithoutBlobs(builtIn.Summary()), ResearchTestClient.WithoutBlobs(rules.Summary()));
    }

    [Fact]
    public async Task RandomSearch_StoredRules_ConstraintsPerCellAndSameDrawsAsTheBuiltIn()
    {
        var client = await UserWithRulesAsync("rnd");
        // fast 10..60 against slow 20..60: the cells with fast >= slow break the constraint and are skipped
        var search = new { grid = new { fast_period = new[] { 10, 30, 60 }, slow_period = new[] { 20, 60 } }, random_samples = 4, seed = 7 };

        var rules = (await client.RunResearchAsync(ResearchHandlers.OptimizationsPrefix, Goog(Rules, search))).Summary();
        var builtIn = (await client.RunResearchAsync(ResearchHandlers.OptimizationsPrefix, Goog("sma_crossover", search))).Summary();

        Assert.Equal(4, (int)rules["cells"]!);
        Assert.Equal((int)builtIn["skipped"]!, (int)rules["skipped"]!);
        Assert.Equal(builtIn["top"]!.ToJsonString(), rules["top"]!.ToJsonString());
        var cells = await client.GetJsonAsync($"{ResearchHandlers.OptimizationsPrefix}/{(string)(await LatestAsync(client))}/cells?limit=10");
        foreach (var cell in cells["items"]!.AsArray())
        {
            bool broken = (int)cell!["params"]!["fast_period"]! >= (int)cell["params"]!["slow_period"]!;
            Assert.Equal(broken, cell["skipped"] is not null);
            if (broken) Assert.Contains("constraints[0]", (string)cell["errors"]![0]!);
        }
    }

    private static async Task<string> LatestAsync(HttpClient client)
    {
        var page = await client.GetJsonAsync("/api/backtests?kind=backtest_optimization&limit=10");
        return (string)page["items"]!.AsArray().Last(r => (string)r!["strategy_id"]! == Rules)!["backtest_id"]!;
    }

    [Fact]
    public async Task WalkForward_StoredRules_SameWindowsAsTheBuiltIn()
    {
        var client = await UserWithRulesAsync("wf");
        var wf = new { grid = new { fast_period = new[] { 5, 10, 20 }, slow_period = "30:60:30" }, in_sample = 500, out_of_sample = "365d" };

        var rules = await client.RunResearchAsync(ResearchHandlers.WalkForwardPrefix, Goog(Rules, wf));
        var builtIn = await client.RunResearchAsync(ResearchHandlers.WalkForwardPrefix, Goog("sma_crossover", wf));

        Assert.Equal(ResearchTestClient.WithoutBlobs(builtIn.Summary()), ResearchTestClient.WithoutBlobs(rules.Summary()));
    }

    [Fact]
    public async Task MonteCarlo_StoredRules_BaseIsTheReferenceRunAndPathsAsTheBuiltIn()
    {
        var client = await UserWithRulesAsync("mc");
        var mc = new { parameters = new { fast_period = 10, slow_period = 20, commission = 0.002 }, method = "trade_reshuffle", paths = 200, seed = 42 };

        var rules = await client.RunResearchAsync(ResearchHandlers.MonteCarloPrefix, Goog(Rules, mc));
        var builtIn = await client.RunResearchAsync(ResearchHandlers.MonteCarloPrefix, Goog("sma_crossover", mc));

        Assert.Equal(ReferenceFinalCapital, await RepresentativeAsync(client, (string)rules["backtest_id"]!, "final_capital"), 1e-5);
        Assert.Equal(ResearchTestClient.WithoutBlobs(builtIn.Summary()), ResearchTestClient.WithoutBlobs(rules.Summary()));
    }

    [Fact]
    public async Task Portfolio_StoredRulesOnOneAsset_IsTheReferenceRun()
    {
        var client = await UserWithRulesAsync("pf");

        var run = await client.RunResearchAsync(ResearchHandlers.PortfoliosPrefix, new
        {
            start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End, initial_capital = 10000,
            strategy_id = Rules, parameters = new { fast_period = 10, slow_period = 20, commission = 0.002 },
            assets = new[] { new { symbol = "GOOG", weight = 1.0 } },
        });

        var summary = run.Summary();
        Assert.Equal(ReferenceFinalCapital, (double)summary["portfolio_metrics"]!["final_capital"]!, 1e-5);
        Assert.Equal(46, (int)summary["assets"]![0]!["closed_trades"]!);
    }

    [Fact]
    public async Task Comparison_StoredRulesBesideTheBuiltIn_SameMetrics()
    {
        var client = await UserWithRulesAsync("cmp");
        var parameters = new { fast_period = 10, slow_period = 20, commission = 0.002 };

        var run = await client.RunResearchAsync(ResearchHandlers.ComparisonsPrefix, new
        {
            asset_symbol = "GOOG", start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End, initial_capital = 10000,
            candidates = new[] { new { strategy_id = Rules, parameters }, new { strategy_id = "sma_crossover", parameters } },
        });

        var candidates = run.Summary()["candidates"]!.AsArray();
        Assert.Equal(Rules, (string)candidates[0]!["strategy_id"]!);
        Assert.Equal(ReferenceFinalCapital, (double)candidates[0]!["metrics"]!["final_capital"]!, 1e-5);
        Assert.Equal(candidates[1]!["metrics"]!.ToJsonString(), candidates[0]!["metrics"]!.ToJsonString());
    }

    [Fact]
    public async Task Schedule_StoredRules_AcceptedWithItsOwnParametersOnly()
    {
        var client = await UserWithRulesAsync("sch");

        var (status, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/schedules", new
        {
            cron = "0 6 * * 1-5", strategy_id = Rules, assets = new[] { "GOOG" },
            parameter_grid = new { fast_period = new[] { 5, 10 }, slow_period = new[] { 20, 40 } },
        });
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {body?.ToJsonString()}");
        Assert.Equal(Rules, (string)body!["strategy_id"]!);

        var (badStatus, problem, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/schedules", new
        {
            cron = "0 6 * * 1-5", strategy_id = Rules, assets = new[] { "GOOG" }, parameter_grid = new { period = new[] { 5 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains($"parameter_grid.period:  is not a parameter of {Rules}", ApiClient.ErrorText(problem!));
    }

    [Fact]
    public async Task ScheduledSlot_StoredRules_RunsTheSameOptimizationAsTheBuiltIn()
    {
        var (client, userId) = await NewUserWithRulesAsync("slot");
        var launcher = fixture.Factory.Services.GetRequiredService<IScheduledOptimizationLauncher>();
        OptimizationSchedule Schedule(string strategy) => new()
        {
            Id = "sch-" + strategy, UserId = userId, Name = "nightly", Cron = "0 2 * * *", StrategyId = strategy,
            ParameterGrid = new Dictionary<string, JsonElement>
            {
                ["fast_period"] = JsonSerializer.SerializeToElement(new[] { 5, 10 }),
                ["slow_period"] = JsonSerializer.SerializeToElement("20:40:20"),
            },
            Parameters = new Dictionary<string, JsonElement> { ["commission"] = JsonSerializer.SerializeToElement(0.002) },
            Assets = ["GOOG"], CreatedAt = DateTime.UtcNow,
        };
        var slot = new DateTime(2026, 1, 2, 2, 0, 0, DateTimeKind.Utc);
        var end = new DateTime(2013, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        string suffix = Guid.NewGuid().ToString("N")[..8];

        string rules = await launcher.LaunchAsync(new ScheduledOptimizationLaunch(Schedule(Rules), slot, "GOOG", null, end, "bt-slot-rules-" + suffix));
        string builtIn = await launcher.LaunchAsync(new ScheduledOptimizationLaunch(Schedule("sma_crossover"), slot, "GOOG", null, end, "bt-slot-builtin-" + suffix));

        Assert.Equal("completed", (string)(await client.WaitForTerminalAsync(rules))["status"]!);
        Assert.Equal("completed", (string)(await client.WaitForTerminalAsync(builtIn))["status"]!);
        var rulesSummary = (await client.GetJsonAsync($"{ResearchHandlers.OptimizationsPrefix}/{rules}")).AsObject().Summary();
        var builtInSummary = (await client.GetJsonAsync($"{ResearchHandlers.OptimizationsPrefix}/{builtIn}")).AsObject().Summary();
        Assert.Equal(4, (int)rulesSummary["cells"]!);
        Assert.Equal(ResearchTestClient.WithoutBlobs(builtInSummary), ResearchTestClient.WithoutBlobs(rulesSummary));
    }

    [Fact]
    public async Task Schedule_OtherUsersStrategy_IsUnknown()
    {
        await UserWithRulesAsync("owner");
        var stranger = await fixture.Factory.CreateUserClientAsync("stranger-" + Guid.NewGuid().ToString("N")[..6]);

        var (status, problem, _) = await stranger.SendJsonAsync(HttpMethod.Post, "/api/schedules", new
        {
            cron = "0 6 * * 1-5", strategy_id = Rules, assets = new[] { "GOOG" }, parameter_grid = new { fast_period = new[] { 5 } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"strategy_id: '{Rules}' is not a known strategy", ApiClient.ErrorText(problem!));
    }
}
