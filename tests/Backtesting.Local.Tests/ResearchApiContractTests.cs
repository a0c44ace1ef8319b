using Backtesting.Application.Workflows.Local;
using System.Net;
using System.Text.Json.Nodes;
using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Engine.Comparison;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.MonteCarlo;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Portfolio;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.WalkForward;
using Backtesting.Http.Handlers;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>
/// Every research kind end to end over the real host: 202, completion, the summary checked against the
/// engine run directly on the same GOOG bars, and the same numbers for any batch size.
/// </summary>
public abstract class ResearchApiContractTests(LocalHostFactory factory)
{
    private static readonly Dictionary<string, object?> GoogSma10x20 = new() { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 };

    private Task<HttpClient> UserAsync(string name) => factory.CreateUserClientAsync(name + "-" + Guid.NewGuid().ToString("N")[..6]);

    [Fact]
    public async Task Optimization_GoogSmaGrid_BestIsTheReferenceRunForAnyBatchSize()
    {
        var client = await UserAsync("opt");
        object Body(int batch) => new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End, initial_capital = 10000,
            parameters = new { commission = 0.002 },
            grid = new { fast_period = new { start = 5, stop = 50, step = 5 }, slow_period = new { start = 20, stop = 200, step = 20 } },
            batch_size = batch,
        };

        var small = await client.RunResearchAsync(ResearchHandlers.OptimizationsPrefix, Body(7));
        var large = await client.RunResearchAsync(ResearchHandlers.OptimizationsPrefix, Body(100));

        var summary = small.Summary();
        Assert.Equal(100, (int)summary["cells"]!);
        Assert.Equal(10, (int)summary["skipped"]!);
        Assert.Equal(90, (int)summary["evaluated"]!);
        var best = summary["best"]!;
        Assert.Equal(10, (double)best["params"]!["fast_period"]!);
        Assert.Equal(20, (double)best["params"]!["slow_period"]!);
        Assert.Equal(1.08115269, (double)best["metrics"]!["sharpe_ratio"]!, 1e-8);
        var direct = GridOptimizer.Run(await ResearchTestClient.BarsAsync(factory), new OptimizationRequest
        {
            StrategyId = "sma_crossover",
            FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.002 },
            Axes = [ParameterAxis.Range("fast_period", 5, 50, 5), ParameterAxis.Range("slow_period", 20, 200, 20)],
            InitialCapital = 10_000,
        });
        Assert.Equal(direct.Best!.Index, (int)best["index"]!);
        ResearchTestClient.AssertMetricsEqual(direct.Best.Metrics!, best["metrics"]!);
        Assert.Equal(ResearchTestClient.WithoutBlobs(summary), ResearchTestClient.WithoutBlobs(large.Summary()));

        // the best cell re-run is the run's backtest
        string id = (string)small["backtest_id"]!;
        Assert.Equal(63341.19136, await RepresentativeAsync(client, id, "final_capital"), 1e-5);
        Assert.Equal(47, (int)(await client.GetJsonAsync($"/api/backtests/{id}/trades?limit=1"))["total"]!);
        var cells = await client.GetJsonAsync($"{ResearchHandlers.OptimizationsPrefix}/{id}/cells?offset=95&limit=10");
        Assert.Equal(100, (int)cells["total"]!);
        Assert.Equal(5, cells["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Optimization_GridOrder_IsTheRequestsWhateverTheStore()
    {
        var client = await UserAsync("order");
        // the first axis is the slowest; jsonb would sort the keys (fast_period first) if the job kept them in an object
        var run = await client.RunResearchAsync(ResearchHandlers.OptimizationsPrefix, new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG",
            grid = new Dictionary<string, object> { ["slow_period"] = new[] { 20, 40 }, ["fast_period"] = new[] { 5, 10 } },
        });

        var cells = await client.GetJsonAsync($"{ResearchHandlers.OptimizationsPrefix}/{(string)run["backtest_id"]!}/cells");
        var order = cells["items"]!.AsArray().Select(c => ((double)c!["params"]!["slow_period"]!, (double)c["params"]!["fast_period"]!));
        Assert.Equal([(20.0, 5.0), (20.0, 10.0), (40.0, 5.0), (40.0, 10.0)], order);
    }

    [Fact]
    public async Task WalkForward_GoogSmaGrid_MatchesTheEngineForAnyBatchSize()
    {
        var client = await UserAsync("wf");
        object Body(int batch) => new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End, initial_capital = 10000,
            parameters = new { commission = 0.002 },
            grid = new { fast_period = new[] { 5, 10, 20 }, slow_period = "30:60:30" },
            in_sample = 500,
            out_of_sample = "365d",
            batch_size = batch,
        };

        var one = await client.RunResearchAsync(ResearchHandlers.WalkForwardPrefix, Body(1));
        var three = await client.RunResearchAsync(ResearchHandlers.WalkForwardPrefix, Body(3));

        var direct = WalkForwardAnalyzer.Run(await ResearchTestClient.BarsAsync(factory), new WalkForwardRequest
        {
            StrategyId = "sma_crossover",
            FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.002 },
            Axes = [new ParameterAxis("fast_period", [5.0, 10.0, 20.0]), new ParameterAxis("slow_period", [30.0, 60.0])],
            InitialCapital = 10_000,
            InSample = WindowLength.OfBars(500),
            OutOfSample = WindowLength.Parse("365d"),
        });
        var summary = one.Summary();
        Assert.Equal("rolling", (string)summary["mode"]!);
        Assert.Equal(direct.Windows.Count, (int)summary["windows"]!);
        Assert.True(direct.Windows.Count >= 5, $"{direct.Windows.Count} windows");
        ResearchTestClient.AssertMetricsEqual(direct.Metrics, summary["out_of_sample_metrics"]!);
        Assert.Equal(direct.WalkForwardEfficiency, (double?)summary["walk_forward_efficiency"]);
        var windows = summary["window_results"]!.AsArray();
        for (int i = 0; i < direct.Windows.Count; i++)
        {
            var expected = direct.Windows[i];
            Assert.Equal(expected.Window.OutOfSampleBars, (int)windows[i]!["out_of_sample"]!["bars"]!);
            Assert.Equal(Number(expected.BestParameters!["fast_period"]), (double)windows[i]!["best_params"]!["fast_period"]!);
            Assert.Equal(Number(expected.BestParameters!["slow_period"]), (double)windows[i]!["best_params"]!["slow_period"]!);
            Assert.Equal(expected.OutOfSampleMetrics.TotalReturn, (double)windows[i]!["out_of_sample_return"]!);
        }
        Assert.Equal(ResearchTestClient.WithoutBlobs(summary), ResearchTestClient.WithoutBlobs(three.Summary()));

        // the stitched out-of-sample run is the run's backtest
        string id = (string)one["backtest_id"]!;
        var results = await client.GetJsonAsync($"/api/backtests/{id}/results?trades_limit=1000");
        ResearchTestClient.AssertMetricsEqual(direct.Metrics, (await client.GetJsonAsync($"/api/backtests/{id}/metrics"))["metrics"]!);
        Assert.Equal(direct.Equity.Length, (int)results["equity_points_total"]!);
        Assert.Equal(direct.Windows.Sum(w => w.OutOfSampleTrades.Count), (int)results["trades"]!["total"]!);
        Assert.Equal(direct.Metrics.TotalFees, results["trades"]!["items"]!.AsArray().Sum(t => (double)t!["fees"]!), 1e-6);
    }

    [Theory]
    [InlineData(MonteCarloMethods.TradeReshuffle, 400, 7)]
    [InlineData(MonteCarloMethods.BlockBootstrap, 60, 8)]
    public async Task MonteCarlo_GoogSma10x20_PercentilesMatchTheEngineForAnyBatchSize(string method, int paths, int smallBatch)
    {
        var client = await UserAsync("mc");
        object Body(int batch) => new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End, initial_capital = 10000,
            parameters = GoogSma10x20, method, paths, seed = 42, batch_size = batch,
        };

        var small = await client.RunResearchAsync(ResearchHandlers.MonteCarloPrefix, Body(smallBatch));
        var whole = await client.RunResearchAsync(ResearchHandlers.MonteCarloPrefix, Body(paths));

        MonteCarloMethods.TryParse(method, out var parsed);
        var direct = MonteCarloSimulator.Run(await ResearchTestClient.BarsAsync(factory), new MonteCarloRequest
        {
            StrategyId = "sma_crossover", Parameters = GoogSma10x20, InitialCapital = 10_000, Method = parsed, Paths = paths, Seed = 42,
        });
        var summary = small.Summary();
        Assert.Equal(method, (string)summary["method"]!);
        Assert.Equal(paths, (int)summary["paths"]!);
        Assert.Equal(42, (long)summary["seed"]!);
        Assert.Equal(direct.ProbabilityOfLoss, (double)summary["probability_of_loss"]!);
        Assert.Equal(direct.ProbabilityOfDrawdownBeyondThreshold, (double)summary["probability_of_drawdown_beyond_threshold"]!);
        foreach (var distribution in direct.Distributions)
        {
            var stored = summary["distributions"]![distribution.Metric]!;
            Assert.Equal(distribution.Count, (int)stored["count"]!);
            for (int k = 0; k < direct.Levels.Count; k++)
                Assert.Equal(distribution.Percentiles[k], (double)stored[$"p{direct.Levels[k]}"]!);
        }
        var median = summary["bands"]!["p50"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.Equal(direct.Bands.Values[2], median);
        Assert.Equal(ResearchTestClient.WithoutBlobs(summary), ResearchTestClient.WithoutBlobs(whole.Summary()));

        // the base backtest is the run's backtest: DESIGN section 6
        Assert.Equal(63341.19136, await RepresentativeAsync(client, (string)small["backtest_id"]!, "final_capital"), 1e-5);
        // the baseline beside the paths is on their basis: trade paths add the 46 closed trades
        // (10,000 + 46 x expectancy 985.70958261), price paths re-run the backtest
        bool trades = parsed is MonteCarloMethod.TradeReshuffle;
        Assert.Equal(trades ? "trades" : "bars", (string)summary["drawdown_basis"]!);
        Assert.Equal(trades ? 10_000 + 46 * 985.70958261 : 63341.19136, (double)summary["distributions"]!["final_capital"]!["baseline"]!, 1e-5);
    }

    [Fact]
    public async Task Portfolio_OneAssetAtWeightOne_EqualsTheSingleBacktest()
    {
        var client = await UserAsync("pf1");
        var run = await client.RunResearchAsync(ResearchHandlers.PortfoliosPrefix, new
        {
            start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End, initial_capital = 10000,
            strategy_id = "sma_crossover", parameters = GoogSma10x20,
            assets = new[] { new { symbol = "GOOG", weight = 1.0 } },
        });

        var bars = await ResearchTestClient.BarsAsync(factory);
        var config = Engine.Validation.StrategyConfigValidator.Validate("sma_crossover", GoogSma10x20).GetConfigOrThrow();
        var single = BacktestEngine.Run(bars, config, 10_000);
        var summary = run.Summary();
        ResearchTestClient.AssertMetricsEqual(single.Metrics, summary["portfolio_metrics"]!);
        Assert.Equal(63341.19136, (double)summary["portfolio_metrics"]!["final_capital"]!, 1e-5);
        var asset = summary["assets"]!.AsArray().Single()!;
        Assert.Equal("GOOG", (string)asset["symbol"]!);
        Assert.Equal(single.Metrics.TotalReturn, (double)asset["contribution"]!, 1e-12);
        Assert.Equal(46, (int)asset["closed_trades"]!);
        var results = await client.GetJsonAsync($"/api/backtests/{(string)run["backtest_id"]!}/results?trades_limit=1");
        Assert.Equal(47, (int)results["trades"]!["total"]!);
        Assert.Equal(bars.Count, (int)results["equity_points_total"]!);
    }

    [Fact]
    public async Task Portfolio_TwoAssetsWithMonthlyRebalancing_MatchesTheEngineAndContributionsAddUp()
    {
        var client = await UserAsync("pf2");
        var goog = await ResearchTestClient.BarsAsync(factory);
        // a second asset: GOOG's bars from its 500th on, so the timelines differ
        string other = "G" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var late = goog.Slice(500, goog.Count - 500);
        await factory.Services.GetRequiredService<IMarketDataImporter>().ImportAsync(new Asset(other, "GOOG from bar 500"), "1d", late);

        var run = await client.RunResearchAsync(ResearchHandlers.PortfoliosPrefix, new
        {
            start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End, initial_capital = 10000,
            parameters = new { commission = 0.001 },
            rebalance = "monthly",
            assets = new object[] { new { symbol = "GOOG", weight = 0.6 }, new { symbol = other, weight = 0.4, strategy_id = "sma_crossover", parameters = new { fast_period = 10, slow_period = 20 } } },
        });

        var direct = PortfolioBacktester.Run(new Dictionary<string, BarSeries> { ["GOOG"] = goog, [other] = await ResearchTestClient.BarsAsync(factory, other) }, new PortfolioRequest
        {
            Assets =
            [
                new PortfolioAsset { Symbol = "GOOG", Weight = 0.6, StrategyId = "buy_and_hold", Parameters = new Dictionary<string, object?> { ["commission"] = 0.001 } },
                new PortfolioAsset { Symbol = other, Weight = 0.4, StrategyId = "sma_crossover", Parameters = new Dictionary<string, object?> { ["commission"] = 0.001, ["fast_period"] = 10, ["slow_period"] = 20 } },
            ],
            InitialCapital = 10_000,
            Rebalance = RebalanceMode.Monthly,
        });
        var summary = run.Summary();
        ResearchTestClient.AssertMetricsEqual(direct.Metrics, summary["portfolio_metrics"]!);
        Assert.Equal(direct.Rebalances, (int)summary["rebalances"]!);
        Assert.True(direct.Rebalances > 0);
        var assets = summary["assets"]!.AsArray();
        Assert.Equal(["buy_and_hold", "sma_crossover"], assets.Select(a => (string)a!["strategy_id"]!));
        for (int i = 0; i < 2; i++)
            Assert.Equal(direct.Assets[i].Contribution, (double)assets[i]!["contribution"]!);
        Assert.Equal(direct.Metrics.TotalReturn, assets.Sum(a => (double)a!["contribution"]!), 1e-9);
        var results = await client.GetJsonAsync($"/api/backtests/{(string)run["backtest_id"]!}/results?trades_limit=1");
        Assert.Equal(direct.Assets.Sum(a => a.Trades.Count), (int)results["trades"]!["total"]!);
    }

    [Fact]
    public async Task Comparison_ThreeCandidates_MatchesTheEngineForAnyBatchSize()
    {
        var client = await UserAsync("cmp");
        object Body(int batch) => new
        {
            asset_symbol = "GOOG", start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End, initial_capital = 10000,
            parameters = new { commission = 0.002 },
            candidates = new object[]
            {
                new { strategy_id = "sma_crossover", parameters = new { fast_period = 10, slow_period = 20 } },
                new { strategy_id = "ema_crossover", label = "ema default" },
                new { strategy_id = "buy_and_hold" },
            },
            rank_by = "sharpe_ratio",
            batch_size = batch,
        };

        var one = await client.RunResearchAsync(ResearchHandlers.ComparisonsPrefix, Body(1));
        var two = await client.RunResearchAsync(ResearchHandlers.ComparisonsPrefix, Body(2));

        var direct = StrategyComparison.Run(await ResearchTestClient.BarsAsync(factory), new ComparisonRequest
        {
            Candidates =
            [
                new ComparisonCandidate { StrategyId = "sma_crossover", Parameters = GoogSma10x20, Label = "sma_crossover(fast_period=10, slow_period=20)" },
                new ComparisonCandidate { StrategyId = "ema_crossover", Parameters = new Dictionary<string, object?> { ["commission"] = 0.002 }, Label = "ema default" },
                new ComparisonCandidate { StrategyId = "buy_and_hold", Parameters = new Dictionary<string, object?> { ["commission"] = 0.002 }, Label = "buy_and_hold" },
            ],
            InitialCapital = 10_000,
        });
        var summary = one.Summary();
        Assert.Equal(direct.Ranking, summary["ranking"]!.AsArray().Select(r => (int)r!["index"]!));
        var candidates = summary["candidates"]!.AsArray();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(direct.Entries[i].Label, (string)candidates[i]!["label"]!);
            ResearchTestClient.AssertMetricsEqual(direct.Entries[i].Metrics, candidates[i]!["metrics"]!);
            for (int j = 0; j < 3; j++)
                Assert.Equal(direct.Correlation[i][j], (double?)summary["correlation"]!["matrix"]![i]![j]);
        }
        Assert.Equal(1.08115269, (double)candidates[0]!["metrics"]!["sharpe_ratio"]!, 1e-8);
        Assert.Equal(ResearchTestClient.WithoutBlobs(summary), ResearchTestClient.WithoutBlobs(two.Summary()));

        // the best-ranked candidate re-run is the run's backtest
        var representative = await client.GetJsonAsync($"/api/backtests/{(string)one["backtest_id"]!}/metrics");
        ResearchTestClient.AssertMetricsEqual(direct.Entries[direct.Ranking[0]].Metrics, representative["metrics"]!);
    }

    [Theory]
    [InlineData(ResearchHandlers.OptimizationsPrefix, "backtest_optimization")]
    [InlineData(ResearchHandlers.WalkForwardPrefix, "backtest_walk_forward")]
    [InlineData(ResearchHandlers.MonteCarloPrefix, "backtest_monte_carlo")]
    [InlineData(ResearchHandlers.PortfoliosPrefix, "backtest_portfolio")]
    [InlineData(ResearchHandlers.ComparisonsPrefix, "backtest_comparison")]
    public async Task OtherUsersRunsAndOtherKinds_Answer404(string prefix, string kind)
    {
        string alice = "alice-" + Guid.NewGuid().ToString("N")[..6];
        var aliceClient = await factory.CreateUserClientAsync(alice);
        var bob = await UserAsync("bob");
        string id = await ResearchTestClient.AddPendingRunAsync(factory, alice, kind);
        string backtest = await ResearchTestClient.AddPendingRunAsync(factory, alice, "backtest_strategy");

        foreach (string path in new[] { $"{prefix}/{id}", $"{prefix}/{id}/results" })
        {
            var response = await bob.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"{prefix}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await aliceClient.GetAsync($"{prefix}/{backtest}")).StatusCode);
        Assert.Equal("pending", (string)(await aliceClient.GetJsonAsync($"{prefix}/{id}"))["status"]!);
    }

    [Theory]
    [InlineData(ResearchHandlers.OptimizationsPrefix, "backtest_optimization")]
    [InlineData(ResearchHandlers.WalkForwardPrefix, "backtest_walk_forward")]
    [InlineData(ResearchHandlers.MonteCarloPrefix, "backtest_monte_carlo")]
    [InlineData(ResearchHandlers.PortfoliosPrefix, "backtest_portfolio")]
    [InlineData(ResearchHandlers.ComparisonsPrefix, "backtest_comparison")]
    public async Task Delete_PendingRun_CancelsIt(string prefix, string kind)
    {
        string user = "cancel-" + Guid.NewGuid().ToString("N")[..6];
        var client = await factory.CreateUserClientAsync(user);
        string id = await ResearchTestClient.AddPendingRunAsync(factory, user, kind);

        var (status, body, _) = await client.SendJsonAsync(HttpMethod.Delete, $"{prefix}/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("cancelled", (string)body!["status"]!);
        Assert.Equal("cancelled", (string)(await client.GetJsonAsync($"{prefix}/{id}"))["status"]!);
    }

    [Fact]
    public async Task Delete_RunningMonteCarlo_StopsItWithoutASummary()
    {
        var client = await UserAsync("mc-cancel");
        string id = await client.SubmitResearchAsync(ResearchHandlers.MonteCarloPrefix, new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", parameters = GoogSma10x20,
            method = "block_bootstrap", paths = 50_000, batch_size = 50,
        });

        var (status, body, _) = await client.SendJsonAsync(HttpMethod.Delete, $"{ResearchHandlers.MonteCarloPrefix}/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("cancelled", (string)body!["status"]!);
        // once the workflow has stopped, nothing it did after the cancel may have written a summary
        await factory.Services.GetRequiredService<InProcessWorkflowRunner>().WhenIdleAsync(id).WaitAsync(TimeSpan.FromSeconds(30));
        var run = await client.GetJsonAsync($"{ResearchHandlers.MonteCarloPrefix}/{id}");
        Assert.Equal("cancelled", (string)run["status"]!);
        Assert.Null(run["summary"]);
    }

    /// <summary>A metric of the run's representative backtest (GET /api/backtests/{id}/metrics).</summary>
    private static async Task<double> RepresentativeAsync(HttpClient client, string id, string metric) =>
        (double)(await client.GetJsonAsync($"/api/backtests/{id}/metrics?names={metric}"))["metrics"]![metric]!;

    private static double Number(object? value) => value switch
    {
        System.Text.Json.JsonElement e => e.GetDouble(),
        _ => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class SqliteResearchApiTests(SqliteHostFixture fixture) : ResearchApiContractTests(fixture.Factory), IClassFixture<SqliteHostFixture>;

public sealed class PostgresResearchApiTests(PostgresHostFixture fixture) : ResearchApiContractTests(fixture.Factory), IClassFixture<PostgresHostFixture>;
