using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Ports;
using Backtesting.Application.Schedules;
using Backtesting.Engine.Comparison;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.MonteCarlo;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Portfolio;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;
using Backtesting.Engine.WalkForward;
using Backtesting.Http.Handlers;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>
/// risk_free_rate through the REST API: every run kind computes its Sharpe and Sortino with the rate the
/// request gave (equal to the engine run with that option, different from the rate-0 run), echoes it in the
/// metrics, and rejects a rate that is not a finite fraction in [-1, 1] naming the field.
/// </summary>
public sealed class RiskFreeRateApiTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private const double Rate = 0.03;
    private static readonly BacktestOptions WithRate = new(RiskFreeRate: Rate);
    private static readonly Dictionary<string, object?> GoogSma10x20 = new() { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 };

    private Task<HttpClient> UserAsync(string name) => fixture.Factory.CreateUserClientAsync(name + "-" + Guid.NewGuid().ToString("N")[..6]);

    private Task<BarSeries> GoogAsync() => ResearchTestClient.BarsAsync(fixture.Factory);

    private static StrategyConfig Sma10x20 => StrategyConfigValidator.Validate("sma_crossover", GoogSma10x20).GetConfigOrThrow();

    /// <summary>The metrics of the engine run with the rate, after checking the rate moved the ratios away from the rate-0 run.</summary>
    private static PerformanceMetrics EngineRunWithRate(BarSeries bars)
    {
        var withRate = BacktestEngine.Run(bars, Sma10x20, 10_000, WithRate).Metrics;
        var atZero = BacktestEngine.Run(bars, Sma10x20, 10_000).Metrics;
        Assert.NotEqual(atZero.SharpeRatio, withRate.SharpeRatio);
        Assert.NotEqual(atZero.SortinoRatio, withRate.SortinoRatio);
        return withRate;
    }

    /// <summary>A run's stored metrics (the results' whole set, the rate included).</summary>
    private static async Task<JsonNode> RepresentativeAsync(HttpClient client, string id) =>
        (await client.GetJsonAsync($"/api/backtests/{id}/results?trades_limit=1&max_points=2"))["metrics"]!;

    private static void AssertEchoed(JsonNode metrics) => Assert.Equal(Rate, (double)metrics["risk_free_rate"]!);

    [Fact]
    public async Task Backtest_GoogSma10x20At3Percent_ReportsTheExcessReturnRatiosAndEchoesTheRate()
    {
        var client = await UserAsync("rf-bt");
        string id = await client.RunToCompletionAsync(new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End,
            initial_capital = 10000, risk_free_rate = Rate, parameters = new { fast_period = 10, slow_period = 20, commission = 0.002 }, chunks = 3,
        });

        var metrics = (await client.GetJsonAsync($"/api/backtests/{id}/results?trades_limit=1"))["metrics"]!;
        var expected = EngineRunWithRate(await GoogAsync());
        ResearchTestClient.AssertMetricsEqual(expected, metrics);
        AssertEchoed(metrics);
        // the rate changes the ratios only: the reference run's money figures stay
        Assert.Equal(63341.19136, (double)metrics["final_capital"]!, 1e-5);
        Assert.Equal(46, (int)metrics["total_trades"]!);
    }

    [Fact]
    public async Task Optimization_WithRate_BestCellAndRepresentativeEqualTheEngineRunWithTheRate()
    {
        var client = await UserAsync("rf-opt");
        var run = await client.RunResearchAsync(ResearchHandlers.OptimizationsPrefix, new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End,
            initial_capital = 10000, risk_free_rate = Rate, parameters = new { commission = 0.002 },
            grid = new { fast_period = new[] { 10 }, slow_period = new[] { 20 } },
        });

        var expected = EngineRunWithRate(await GoogAsync());
        ResearchTestClient.AssertMetricsEqual(expected, run.Summary()["best"]!["metrics"]!);
        var representative = await RepresentativeAsync(client, (string)run["backtest_id"]!);
        ResearchTestClient.AssertMetricsEqual(expected, representative);
        AssertEchoed(representative);
    }

    [Fact]
    public async Task WalkForward_WithRate_EqualsTheEngineAnalysisWithTheRate()
    {
        var client = await UserAsync("rf-wf");
        var run = await client.RunResearchAsync(ResearchHandlers.WalkForwardPrefix, new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End,
            initial_capital = 10000, risk_free_rate = Rate, parameters = new { commission = 0.002 },
            grid = new { fast_period = new[] { 5, 10 }, slow_period = new[] { 20, 40 } }, in_sample = 500, out_of_sample = 400,
        });

        var request = new WalkForwardRequest
        {
            StrategyId = "sma_crossover",
            FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.002 },
            Axes = [new ParameterAxis("fast_period", [5.0, 10.0]), new ParameterAxis("slow_period", [20.0, 40.0])],
            InitialCapital = 10_000,
            InSample = WindowLength.OfBars(500),
            OutOfSample = WindowLength.OfBars(400),
        };
        var bars = await GoogAsync();
        var direct = WalkForwardAnalyzer.Run(bars, request with { Options = WithRate });
        var atZero = WalkForwardAnalyzer.Run(bars, request);
        Assert.NotEqual(atZero.Metrics.SharpeRatio, direct.Metrics.SharpeRatio);
        ResearchTestClient.AssertMetricsEqual(direct.Metrics, run.Summary()["out_of_sample_metrics"]!);
        AssertEchoed(run.Summary()["out_of_sample_metrics"]!);
    }

    [Fact]
    public async Task MonteCarlo_BlockBootstrapWithRate_PathSharpesAndBaselineEqualTheEngineWithTheRate()
    {
        var client = await UserAsync("rf-mc");
        var run = await client.RunResearchAsync(ResearchHandlers.MonteCarloPrefix, new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End,
            initial_capital = 10000, risk_free_rate = Rate, parameters = GoogSma10x20, method = "block_bootstrap", paths = 20, seed = 42,
            metrics = new[] { "sharpe_ratio", "sortino_ratio" }, batch_size = 7,
        });

        var bars = await GoogAsync();
        var direct = MonteCarloSimulator.Run(bars, new MonteCarloRequest
        {
            StrategyId = "sma_crossover", Parameters = GoogSma10x20, InitialCapital = 10_000, Method = MonteCarloMethod.BlockBootstrap,
            Paths = 20, Seed = 42, Metrics = ["sharpe_ratio", "sortino_ratio"], Options = WithRate,
        });
        var summary = run.Summary();
        foreach (string metric in new[] { "sharpe_ratio", "sortino_ratio" })
        {
            var distribution = direct.Distribution(metric)!;
            Assert.Equal(distribution.Mean, (double)summary["distributions"]![metric]!["mean"]!);
        }
        var representative = await RepresentativeAsync(client, (string)run["backtest_id"]!);
        ResearchTestClient.AssertMetricsEqual(EngineRunWithRate(bars), representative);
        AssertEchoed(representative);
    }

    [Fact]
    public async Task Portfolio_WithRate_EqualsThePortfolioEngineWithTheRate()
    {
        var client = await UserAsync("rf-pf");
        var run = await client.RunResearchAsync(ResearchHandlers.PortfoliosPrefix, new
        {
            start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End, initial_capital = 10000, risk_free_rate = Rate,
            strategy_id = "sma_crossover", parameters = GoogSma10x20, assets = new[] { new { symbol = "GOOG" } },
        });

        var request = new PortfolioRequest
        {
            Assets = [new PortfolioAsset { Symbol = "GOOG", Weight = 1, StrategyId = "sma_crossover", Parameters = GoogSma10x20 }],
            InitialCapital = 10_000,
        };
        var series = new Dictionary<string, BarSeries> { ["GOOG"] = await GoogAsync() };
        var direct = PortfolioBacktester.Run(series, request with { Options = WithRate });
        Assert.NotEqual(PortfolioBacktester.Run(series, request).Metrics.SharpeRatio, direct.Metrics.SharpeRatio);
        ResearchTestClient.AssertMetricsEqual(direct.Metrics, run.Summary()["portfolio_metrics"]!);
        AssertEchoed(run.Summary()["portfolio_metrics"]!);
    }

    [Fact]
    public async Task Comparison_WithRate_CandidatesEqualTheEngineRunWithTheRate()
    {
        var client = await UserAsync("rf-cmp");
        var run = await client.RunResearchAsync(ResearchHandlers.ComparisonsPrefix, new
        {
            asset_symbol = "GOOG", start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End, initial_capital = 10000, risk_free_rate = Rate,
            candidates = new object[] { new { strategy_id = "sma_crossover", parameters = GoogSma10x20 }, new { strategy_id = "buy_and_hold" } },
        });

        var bars = await GoogAsync();
        var candidates = run.Summary()["candidates"]!.AsArray();
        ResearchTestClient.AssertMetricsEqual(EngineRunWithRate(bars), candidates[0]!["metrics"]!);
        var hold = StrategyConfigValidator.Validate("buy_and_hold", new Dictionary<string, object?>()).GetConfigOrThrow();
        ResearchTestClient.AssertMetricsEqual(BacktestEngine.Run(bars, hold, 10_000, WithRate).Metrics, candidates[1]!["metrics"]!);
    }

    [Fact]
    public async Task Schedule_WithRate_IsKeptAndItsSlotsOptimizeWithIt()
    {
        string userId = "rf-sch-" + Guid.NewGuid().ToString("N")[..6];
        var client = await fixture.Factory.CreateUserClientAsync(userId);
        var (status, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/schedules", new
        {
            cron = "0 6 * * 1-5", strategy_id = "sma_crossover", assets = new[] { "GOOG" }, risk_free_rate = Rate,
            parameter_grid = new { fast_period = new[] { 10 }, slow_period = new[] { 20 } }, parameters = new { commission = 0.002 },
        });
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {body?.ToJsonString()}");
        string scheduleId = (string)body!["schedule_id"]!;
        Assert.Equal(Rate, (double)body["risk_free_rate"]!);
        Assert.Equal(Rate, (double)(await client.GetJsonAsync($"/api/schedules/{scheduleId}"))["risk_free_rate"]!);

        // a slot of the stored schedule, launched as the timer does
        var schedule = await fixture.Factory.Services.GetRequiredService<IScheduleStore>().GetAsync(userId, scheduleId);
        var launcher = fixture.Factory.Services.GetRequiredService<IScheduledOptimizationLauncher>();
        string runId = await launcher.LaunchAsync(new ScheduledOptimizationLaunch(schedule!, new DateTime(2026, 1, 2, 6, 0, 0, DateTimeKind.Utc), "GOOG",
            null, new DateTime(2013, 12, 31, 0, 0, 0, DateTimeKind.Utc), "bt-rf-slot-" + userId));
        Assert.Equal("completed", (string)(await client.WaitForTerminalAsync(runId))["status"]!);
        var representative = await RepresentativeAsync(client, runId);
        ResearchTestClient.AssertMetricsEqual(EngineRunWithRate(await GoogAsync()), representative);
        AssertEchoed(representative);
    }

    public static TheoryData<string, string> BadRates => new()
    {
        { "\"NaN\"", "NaN" },
        { "2", "2" },
        { "-1.5", "-1.5" },
        { "\"abc\"", "abc" },
    };

    [Theory]
    [MemberData(nameof(BadRates))]
    public async Task EveryRunKind_BadRate_Returns400NamingRiskFreeRate(string rate, string shown)
    {
        var client = await UserAsync("rf-bad");
        string common = $"\"asset_symbol\":\"GOOG\",\"strategy_id\":\"sma_crossover\",\"risk_free_rate\":{rate}";
        var bodies = new Dictionary<string, string>
        {
            ["/api/backtests"] = $"{{{common}}}",
            [ResearchHandlers.OptimizationsPrefix] = $"{{{common},\"grid\":{{\"fast_period\":[10]}}}}",
            [ResearchHandlers.WalkForwardPrefix] = $"{{{common},\"grid\":{{\"fast_period\":[10]}},\"in_sample\":500,\"out_of_sample\":200}}",
            [ResearchHandlers.MonteCarloPrefix] = $"{{{common}}}",
            [ResearchHandlers.PortfoliosPrefix] = $"{{\"assets\":[{{\"symbol\":\"GOOG\"}}],\"risk_free_rate\":{rate}}}",
            [ResearchHandlers.ComparisonsPrefix] = $"{{\"asset_symbol\":\"GOOG\",\"candidates\":[{{\"strategy_id\":\"buy_and_hold\"}}],\"risk_free_rate\":{rate}}}",
            ["/api/schedules"] = $"{{\"cron\":\"0 6 * * *\",\"strategy_id\":\"sma_crossover\",\"assets\":[\"GOOG\"],\"parameter_grid\":{{\"fast_period\":[10]}},\"risk_free_rate\":{rate}}}",
        };
        foreach (var (url, body) in bodies)
        {
            var (status, problem) = await client.PostRawAsync(url, body, "application/json");

            Assert.True(status == HttpStatusCode.BadRequest, $"{url}: {(int)status} {problem?.ToJsonString()}");
            var error = problem!["errors"]!.AsArray().FirstOrDefault(e => (string)e!["field"]! == "risk_free_rate");
            Assert.True(error is not null, $"{url}: no risk_free_rate error in {problem.ToJsonString()}");
            Assert.Contains("[-1, 1]", (string)error["message"]!);
            Assert.Contains(shown, ApiClient.ErrorText(problem));
        }
        Assert.Equal(0, (int)(await client.GetJsonAsync("/api/backtests"))["total"]!);
    }
}
