using Backtesting.Engine.Optimization;
using Backtesting.Http.Handlers;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>
/// An optimization's cell table is stored in pages (the finalization streams cells, keeping only the top N in
/// memory): a read across a page boundary gives the cells of the grid in order, whatever the batch size.
/// </summary>
public sealed class OptimizationCellPagesTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task Cells_ReadAcrossAPageBoundary_AreTheGridCellsInOrder()
    {
        var client = await fixture.Factory.CreateUserClientAsync("pages-" + Guid.NewGuid().ToString("N")[..6]);
        // 40 x 60 = 2,400 cells: three pages; batches of 333 straddle the page boundaries
        var run = await client.RunResearchAsync(ResearchHandlers.OptimizationsPrefix, new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", start_date = ResearchTestClient.Start, end_date = ResearchTestClient.End,
            initial_capital = 10_000,
            grid = new { fast_period = new { start = 1, stop = 40, step = 1 }, slow_period = new { start = 2, stop = 61, step = 1 } },
            objective = "total_return", batch_size = 333, top_n = 3,
        });
        string id = (string)run["backtest_id"]!;
        var request = new OptimizationRequest
        {
            StrategyId = "sma_crossover",
            Axes = [ParameterAxis.Range("fast_period", 1, 40, 1), ParameterAxis.Range("slow_period", 2, 61, 1)],
            InitialCapital = 10_000,
            Objective = "total_return",
        };

        var cells = await client.GetJsonAsync($"{ResearchHandlers.OptimizationsPrefix}/{id}/cells?offset=990&limit=25");
        var last = await client.GetJsonAsync($"{ResearchHandlers.OptimizationsPrefix}/{id}/cells?offset=2390&limit=25");

        Assert.Equal(2400, (int)cells["total"]!);
        var items = cells["items"]!.AsArray();
        Assert.Equal(Enumerable.Range(990, 25), items.Select(c => (int)c!["index"]!));
        foreach (var item in items)
        {
            var expected = GridOptimizer.CellParameters(request, (int)item!["index"]!);
            Assert.Equal((double)expected["fast_period"]!, (double)item["params"]!["fast_period"]!);
            Assert.Equal((double)expected["slow_period"]!, (double)item["params"]!["slow_period"]!);
        }
        Assert.Equal(Enumerable.Range(2390, 10), last["items"]!.AsArray().Select(c => (int)c!["index"]!));
        // the summary's best and top are the engine's over the whole grid
        var bars = await ResearchTestClient.BarsAsync(fixture.Factory);
        var direct = GridOptimizer.Run(bars, request);
        var summary = run.Summary();
        Assert.Equal(direct.Top(3).Select(c => c.Index), summary["top"]!.AsArray().Select(c => (int)c!["index"]!));
        Assert.Equal(direct.Skipped, (int)summary["skipped"]!);
    }
}
