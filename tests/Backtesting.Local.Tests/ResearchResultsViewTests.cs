using System.Net;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

public sealed class ResearchResultsViewTests
{
    [Fact]
    public async Task BacktestResults_OfAnOptimization_ShowTheBestCellsBacktestAndTheSummary()
    {
        using var factory = new LocalHostFactory();
        var client = await factory.CreateUserClientAsync("viewer");
        var (status, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/optimizations", new
        {
            strategy_id = "sma_crossover",
            asset_symbol = "GOOG",
            initial_capital = 10000,
            parameters = new { commission = 0.002 },
            grid = new { fast_period = new[] { 5, 10 }, slow_period = new[] { 20, 30 } },
        });
        Assert.Equal(HttpStatusCode.Accepted, status);
        string id = (string)body!["backtest_id"]!;
        await client.WaitForTerminalAsync(id);

        var results = await client.GetJsonAsync($"/api/backtests/{id}/results");
        var summary = results["summary"]!;
        Assert.Equal("backtest_optimization", (string)summary["kind"]!);
        // the run's own metrics are its representative backtest: the best cell, fast 10 / slow 20 (DESIGN section 6)
        Assert.Equal((double)summary["best"]!["metrics"]!["sharpe_ratio"]!, (double)results["metrics"]!["sharpe_ratio"]!);
        Assert.Equal(63341.19136, (double)results["metrics"]!["final_capital"]!, 1e-5);
        Assert.Equal(47, (int)results["trades"]!["total"]!);

        var backtestResults = await client.GetJsonAsync("/api/backtests/" + (await client.RunToCompletionAsync(ApiClient.GoogRequest())) + "/results");
        Assert.Null(backtestResults["summary"]);
    }
}
