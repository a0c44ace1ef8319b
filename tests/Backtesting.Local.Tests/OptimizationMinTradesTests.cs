using System.Text.Json.Nodes;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>min_trades ranks thin cells last and marks them; an optimization counts its progress in cells, not trades.</summary>
public sealed class OptimizationMinTradesTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task Optimization_MinTrades_RanksThinCellsLastMarksThemAndCountsCells()
    {
        var client = await fixture.Factory.CreateUserClientAsync("mintrades-" + Guid.NewGuid().ToString("N")[..6]);
        var bars = await ResearchTestClient.BarsAsync(fixture.Factory);
        // the closed trades of each of the 6 cells, from single backtests
        var trades = new Dictionary<(int, int), int>();
        foreach (int fast in new[] { 5, 10, 20 })
            foreach (int slow in new[] { 30, 200 })
                trades[(fast, slow)] = BacktestEngine.Run(bars, StrategyConfigValidator.Validate("sma_crossover",
                    new Dictionary<string, object?> { ["fast_period"] = fast, ["slow_period"] = slow }).GetConfigOrThrow(), 10_000).Metrics.TotalTrades;
        int threshold = trades.Values.Order().ElementAt(3);
        int below = trades.Values.Count(n => n < threshold);
        Assert.InRange(below, 1, 5);

        var run = await client.RunResearchAsync("/api/optimizations", new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", initial_capital = 10_000,
            grid = new { fast_period = new[] { 5, 10, 20 }, slow_period = new[] { 30, 200 } },
            objective = "total_return", min_trades = threshold,
        });

        var summary = run.Summary();
        Assert.Equal(threshold, (int)summary["min_trades"]!);
        Assert.Equal(below, (int)summary["below_min_trades"]!);
        var top = summary["top"]!.AsArray().Select(c => c!.AsObject()).ToArray();
        Assert.Equal(6, top.Length);
        foreach (var cell in top)
        {
            int n = trades[((int)cell["params"]!["fast_period"]!, (int)cell["params"]!["slow_period"]!)];
            Assert.Equal(n, (int)cell["metrics"]!["total_trades"]!);
            Assert.Equal(n < threshold, cell["below_min_trades"] is JsonValue marked && (bool)marked);
        }
        // every cell with enough trades comes before every marked one
        Assert.Equal(top.Select(c => c.ContainsKey("below_min_trades")).Order(), top.Select(c => c.ContainsKey("below_min_trades")));
        Assert.False(summary["best"]!.AsObject().ContainsKey("below_min_trades"));
        // the full cell table carries the same flag on each cell, so clients never decide it themselves
        var cells = (await client.GetJsonAsync($"/api/optimizations/{(string)run["backtest_id"]!}/cells"))["items"]!.AsArray().Select(c => c!.AsObject()).ToArray();
        Assert.Equal(6, cells.Length);
        foreach (var cell in cells)
        {
            int n = trades[((int)cell["params"]!["fast_period"]!, (int)cell["params"]!["slow_period"]!)];
            Assert.Equal(n < threshold, cell["below_min_trades"] is JsonValue marked && (bool)marked);
        }
        Assert.Equal(below, cells.Count(c => c.ContainsKey("below_min_trades")));
        // progress counts cells as cells
        Assert.Equal("cells", (string)run["unit"]!);
        Assert.Equal(6, (int)run["units_done"]!);
        Assert.Equal(0, (int)run["trades_executed"]!);
    }

    [Fact]
    public async Task Optimization_NegativeMinTrades_Returns400NamingTheField()
    {
        var client = await fixture.Factory.CreateUserClientAsync("mintrades-bad-" + Guid.NewGuid().ToString("N")[..6]);
        var (status, problem) = await client.PostRawAsync("/api/optimizations",
            """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","grid":{"fast_period":[5,10]},"min_trades":-1}""", "application/json");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
        Assert.Contains(problem!["errors"]!.AsArray(), e => (string)e!["field"]! == "min_trades");
    }
}
