using System.Text.Json.Nodes;
using Backtesting.Application.Runs;
using Backtesting.Functions.Durable;
using Backtesting.Functions.Http;
using Backtesting.Functions.Tests.Support;
using Backtesting.Http.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Functions.Tests.Replay;

/// <summary>
/// Every research job kind started by its real HTTP function and run by its orchestrator on the Durable test
/// host (waves as sub-orchestrations), compared field by field with the same job on the local runner.
/// </summary>
[Collection(DurableReplayCollection.Name)]
public sealed class ResearchReplayTests(DurableReplayFixture durable)
{
    private const string Start = "2004-01-01";
    private const string End = "2013-12-31";

    private ResearchHttpFunctions Functions() => new(durable.App.Services.GetRequiredService<DurableClientScope>());

    /// <summary>
    /// Runs <paramref name="body"/> on both shapes; asserts the run (summary included) and its backtest's
    /// results are identical but for ids and wall-clock times; returns the Durable run and its id.
    /// </summary>
    private async Task<(JsonNode Run, string RunId)> RunBothAsync<TResult>(
        string prefix, string kind, object body,
        Func<HttpRequest, DurableTaskClient, Task<IActionResult>> submit,
        Func<HttpRequest, string, Task<IActionResult>> get,
        Func<HttpContext, Task<TResult>> localSubmit) where TResult : IResult
    {
        var submitted = await durable.SubmitAsync(prefix, body, submit);
        string runId = (string)submitted["backtest_id"]!;
        await durable.CompletedAsync(runId);
        var request = durable.App.Request("GET", $"{prefix}/{runId}");
        var (status, run, _) = await FunctionsAppFixture.ExecuteAsync(request, await get(request, runId));
        Assert.Equal(200, status);
        Assert.Equal("completed", (string)run!["status"]!);

        var local = await durable.RunLocallyAsync(prefix, body, localSubmit);
        string localId = (string)local["backtest_id"]!;
        var localRun = await DurableReplayFixture.GetAsync(durable.Local, $"{prefix}/{localId}", http => ResearchHandlers.GetAsync(http, localId, kind));
        Assert.Equal(ComparableJson.Of(localRun, localId), ComparableJson.Of(run, runId));

        var results = await DurableReplayFixture.GetAsync(durable.App, $"/api/backtests/{runId}/results", http => BacktestHandlers.ResultsAsync(http, runId), "?trades_limit=1000");
        var localResults = await DurableReplayFixture.GetAsync(durable.Local, $"/api/backtests/{localId}/results", http => BacktestHandlers.ResultsAsync(http, localId), "?trades_limit=1000");
        Assert.Equal(ComparableJson.Of(localResults, localId), ComparableJson.Of(results, runId));
        return (run, runId);
    }

    [Fact]
    public async Task Optimization_TwoWavesOfSubOrchestrations_EqualsTheLocalRunner()
    {
        // 9 fast x 4 slow = 36 cells in batches of 2 = 18 batches: a wave holds 16 batches, so two waves
        object body = new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", start_date = Start, end_date = End, initial_capital = 10000,
            parameters = new { commission = 0.002 },
            grid = new { fast_period = "5:13:1", slow_period = new[] { 30, 40, 50, 60 } },
            batch_size = 2,
        };

        var (run, runId) = await RunBothAsync(ResearchHandlers.OptimizationsPrefix, RunKind.Optimization, body,
            Functions().SubmitOptimizationsAsync, Functions().GetOptimizationsAsync, ResearchHandlers.SubmitOptimizationAsync);

        Assert.Equal(16, Application.Research.FanOutResearchWorkflow.WaveSize); // the premise of "two waves"
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await durable.Client.GetInstanceAsync($"{runId}:wave:0"))?.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await durable.Client.GetInstanceAsync($"{runId}:wave:1"))?.RuntimeStatus);
        Assert.Null(await durable.Client.GetInstanceAsync($"{runId}:wave:2"));
        Assert.Equal(36, (int)run["summary"]!["cells"]!);
    }

    [Fact]
    public async Task WalkForward_RollingWindows_EqualsTheLocalRunner()
    {
        object body = new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", start_date = Start, end_date = End, initial_capital = 10000,
            parameters = new { commission = 0.002 },
            grid = new { fast_period = new[] { 5, 10, 20 }, slow_period = "30:60:30" },
            in_sample = 500,
            out_of_sample = "365d",
            batch_size = 2,
        };

        var (run, _) = await RunBothAsync(ResearchHandlers.WalkForwardPrefix, RunKind.WalkForward, body,
            Functions().SubmitWalkForwardAsync, Functions().GetWalkForwardAsync, ResearchHandlers.SubmitWalkForwardAsync);

        Assert.Equal("rolling", (string)run["summary"]!["mode"]!);
        Assert.True((int)run["summary"]!["windows"]! >= 5);
    }

    [Fact]
    public async Task MonteCarlo_TradeReshuffle_EqualsTheLocalRunnerWithTheReferenceBaseline()
    {
        object body = new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", start_date = Start, end_date = End, initial_capital = 10000,
            parameters = new { fast_period = 10, slow_period = 20, commission = 0.002 },
            method = "trade_reshuffle", paths = 200, seed = 42, batch_size = 25,
        };

        var (run, _) = await RunBothAsync(ResearchHandlers.MonteCarloPrefix, RunKind.MonteCarlo, body,
            Functions().SubmitMonteCarloAsync, Functions().GetMonteCarloAsync, ResearchHandlers.SubmitMonteCarloAsync);

        Assert.Equal(200, (int)run["summary"]!["paths"]!);
        // reshuffles resample the 46 closed trades: their baseline is 10,000 + 46 x expectancy 985.70958261 (DESIGN section 6)
        Assert.Equal(10_000 + 46 * 985.70958261, (double)run["summary"]!["distributions"]!["final_capital"]!["baseline"]!, 1e-5);
        Assert.Equal(46, (int)run["summary"]!["trade_count"]!);
    }

    [Fact]
    public async Task Portfolio_OneAssetAtWeightOne_EqualsTheLocalRunnerAndTheSingleBacktest()
    {
        object body = new
        {
            start_date = Start, end_date = End, initial_capital = 10000,
            strategy_id = "sma_crossover", parameters = new { fast_period = 10, slow_period = 20, commission = 0.002 },
            assets = new[] { new { symbol = "GOOG", weight = 1.0 } },
        };

        var (run, _) = await RunBothAsync(ResearchHandlers.PortfoliosPrefix, RunKind.Portfolio, body,
            Functions().SubmitPortfoliosAsync, Functions().GetPortfoliosAsync, ResearchHandlers.SubmitPortfolioAsync);

        // one asset at weight 1 is the single backtest: the reference
        Assert.Equal(63341.19136, (double)run["summary"]!["portfolio_metrics"]!["final_capital"]!, 1e-5);
    }

    [Fact]
    public async Task Comparison_ThreeCandidates_EqualsTheLocalRunner()
    {
        object body = new
        {
            asset_symbol = "GOOG", start_date = Start, end_date = End, initial_capital = 10000,
            parameters = new { commission = 0.002 },
            candidates = new object[]
            {
                new { strategy_id = "sma_crossover", parameters = new { fast_period = 10, slow_period = 20 } },
                new { strategy_id = "ema_crossover", label = "ema default" },
                new { strategy_id = "buy_and_hold" },
            },
            rank_by = "sharpe_ratio",
            batch_size = 1,
        };

        var (run, _) = await RunBothAsync(ResearchHandlers.ComparisonsPrefix, RunKind.Comparison, body,
            Functions().SubmitComparisonsAsync, Functions().GetComparisonsAsync, ResearchHandlers.SubmitComparisonAsync);

        var candidates = run["summary"]!["candidates"]!.AsArray();
        Assert.Equal(3, candidates.Count);
        Assert.Equal(63341.19136, (double)candidates[0]!["metrics"]!["final_capital"]!, 1e-5);
    }
}
