using Backtesting.Engine.Optimization;
using Backtesting.Engine.Synthetic;

namespace Backtesting.Engine.Tests.Research;

/// <summary>The bounded ranking of streamed cells: never holds more than N, and keeps exactly the N best of the whole run.</summary>
public sealed class TopCellsTests
{
    [Fact]
    public void Add_HundredThousandCellRandomSearchInChunks_HoldsAtMostNAndKeepsTheNBest()
    {
        const int N = 5;
        var bars = GbmBarGenerator.Generate(new GbmOptions { Bars = 300, Seed = 5 });
        // 400 x 500 grid points, 100k drawn; fast >= slow is skipped, long slow periods never trade (total_return 0: ties)
        var request = new OptimizationRequest
        {
            StrategyId = "sma_crossover",
            FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.0005 },
            Axes = [ParameterAxis.Range("fast_period", 2, 401, 1), ParameterAxis.Range("slow_period", 5, 1502, 3)],
            InitialCapital = 10_000,
            RandomSamples = 100_000,
            Seed = 42,
            Objective = "total_return",
            MinTrades = 2,
            MaxCells = 100_000,
        };
        var ranking = new TopCells(N, "total_return", maximize: true, minTrades: 2);
        var seen = new List<(int Index, double Value, bool Thin)>();
        int skipped = 0, maxHeld = 0;

        // chunks fed last first: the result may not depend on the order cells arrive in
        for (int start = 95_000; start >= 0; start -= 5_000)
        {
            foreach (var cell in GridOptimizer.EvaluateRange(bars, request, start, 5_000))
            {
                ranking.Add(cell);
                maxHeld = Math.Max(maxHeld, ranking.Held);
                if (cell.Skipped) skipped++;
                else seen.Add((cell.Index, cell.Metrics!.TotalReturn, cell.Metrics.TotalTrades < 2));
            }
        }

        Assert.Equal(N, maxHeld);
        Assert.Equal(100_000, ranking.Cells);
        Assert.Equal(skipped, ranking.Skipped);
        Assert.Equal(seen.Count(s => s.Thin), ranking.BelowMinTrades);
        // the ranking rule written out independently: enough trades first, then the highest return, then grid order
        var expected = seen.OrderBy(s => s.Thin ? 1 : 0).ThenByDescending(s => s.Value).ThenBy(s => s.Index).Take(N).Select(s => s.Index);
        Assert.Equal(expected, ranking.Top.Select(c => c.Index));
        Assert.Equal(ranking.Top[0], ranking.Best);
        Assert.InRange(skipped, 1, 99_999);
        Assert.Contains(seen, s => s.Thin);
    }

    [Fact]
    public void Add_OnlySkippedCells_HasNoBest()
    {
        var ranking = new TopCells(3, "sharpe_ratio", maximize: true);

        ranking.Add(new OptimizationCell(0, new Dictionary<string, object?>(), null, []));

        Assert.Null(ranking.Best);
        Assert.Empty(ranking.Top);
        Assert.Equal(1, ranking.Skipped);
    }
}
