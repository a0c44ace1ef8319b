using System.Text.Json.Nodes;

namespace Backtesting.Cli.Tests;

public class OptimizeCommandTests
{
    private static readonly string Gbm = CliRunner.DataFile("gbm_10000.csv");

    [Fact]
    public void Optimize_Grid_CountsCellsSkipsCrossedPeriodsAndPicksBest()
    {
        var json = CliRunner.RunJson("optimize", "--data", Gbm, "--strategy", "sma_crossover",
            "--grid", "fast_period=5:50:5", "--grid", "slow_period=20:200:20", "--capital", "100000", "--commission", "0.0001", "--json");

        Assert.Equal(100, (int)json["cells"]!);
        // fast >= slow: slow 20 with fast 20..50 (7 cells), slow 40 with fast 40..50 (3 cells)
        Assert.Equal(10, (int)json["skipped"]!);
        var results = json["results"]!.AsArray();
        Assert.Equal(100, results.Count);
        double bestSharpe = results.Where(r => r!["skipped"] is null).Max(r => (double)r!["sharpe_ratio"]!);
        Assert.Equal(bestSharpe, (double)json["best"]!["sharpe_ratio"]!);
        Assert.NotNull(json["timing"]!["engine_ms"]);
    }

    [Fact]
    public void Optimize_Cell_EqualsSingleRun()
    {
        var grid = CliRunner.RunJson("optimize", "--data", Gbm, "--strategy", "sma_crossover",
            "--grid", "fast_period=10", "--grid", "slow_period=30", "--capital", "100000", "--commission", "0.0001", "--json");
        var single = CliRunner.RunJson("run", "--data", Gbm, "--strategy", "sma_crossover",
            "--param", "fast_period=10", "--param", "slow_period=30", "--capital", "100000", "--commission", "0.0001", "--json");

        var cell = grid["results"]!.AsArray().Single()!;
        // DESIGN.md section 6 reference for this file
        Assert.Equal(93964.1378, (double)single["final_capital"]!, 1e-4);
        Assert.Equal(192, (int)single["total_trades"]!);
        foreach (string name in new[] { "final_capital", "sharpe_ratio", "max_drawdown", "total_trades", "total_fees" })
            Assert.Equal((double)single[name]!, (double)cell[name]!);
    }

    [Theory]
    [InlineData("fast_period=5:1:1", "stop must be >= start")]
    [InlineData("fast_period=1:5:0", "step must be > 0")]
    [InlineData("fast_period", "is not NAME=START:STOP:STEP")]
    [InlineData("nonsense=1:2:1", "grid.nonsense")]
    public void Optimize_BadGrid_ExitsTwoWithReason(string spec, string expected)
    {
        var (code, _, error) = CliRunner.Run("optimize", "--data", Gbm, "--strategy", "sma_crossover", "--grid", spec);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Optimize_UnknownObjective_ExitsTwoListingMetrics()
    {
        var (code, _, error) = CliRunner.Run("optimize", "--data", Gbm, "--strategy", "sma_crossover", "--grid", "fast_period=5:10:5", "--objective", "luck");

        Assert.Equal(2, code);
        Assert.Contains("objective", error);
        Assert.Contains("sharpe_ratio", error);
    }

    [Fact]
    public void Optimize_MinTrades_MarksThinCellsAndRanksThemLast()
    {
        // slow 200 trades far less often than slow 30 on GOOG; the threshold is the median closed-trade count of the 4 cells
        var plain = CliRunner.RunJson("optimize", "--data", CliRunner.DataFile("GOOG.csv"), "--strategy", "sma_crossover",
            "--grid", "fast_period=5,10", "--grid", "slow_period=30,200", "--objective", "total_return", "--json");
        var counts = plain["results"]!.AsArray().Select(r => (int)r!["total_trades"]!).Order().ToArray();
        int threshold = counts[2];
        Assert.True(counts[0] < threshold);

        var json = CliRunner.RunJson("optimize", "--data", CliRunner.DataFile("GOOG.csv"), "--strategy", "sma_crossover",
            "--grid", "fast_period=5,10", "--grid", "slow_period=30,200", "--objective", "total_return", "--min-trades", threshold.ToString(), "--json");

        Assert.Equal(threshold, (int)json["min_trades"]!);
        Assert.Equal(counts.Count(n => n < threshold), (int)json["below_min_trades"]!);
        var top = json["top"]!.AsArray().Select(r => r!.AsObject()).ToArray();
        Assert.All(top, r => Assert.Equal((int)r["total_trades"]! < threshold, r.ContainsKey("below_min_trades")));
        Assert.Equal(top.Select(r => r.ContainsKey("below_min_trades")).Order(), top.Select(r => r.ContainsKey("below_min_trades")));
        Assert.True((int)json["best"]!["total_trades"]! >= threshold);
    }

    [Fact]
    public void Optimize_NegativeMinTrades_Exit2NamingTheOption()
    {
        var (code, _, error) = CliRunner.Run("optimize", "--data", CliRunner.DataFile("GOOG.csv"), "--strategy", "sma_crossover",
            "--grid", "fast_period=5,10", "--min-trades", "-1");

        Assert.Equal(2, code);
        Assert.Contains("--min-trades", error);
    }
}
