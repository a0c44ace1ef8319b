using System.Text.Json.Nodes;

namespace Backtesting.Cli.Tests;

public class OptimizeSearchCommandTests
{
    private static readonly string Gbm = CliRunner.DataFile("gbm_10000.csv");

    private static JsonObject Optimize(params string[] extra) => CliRunner.RunJson(
        ["optimize", "--data", Gbm, "--strategy", "sma_crossover", "--grid", "fast_period=5:50:5", "--grid", "slow_period=20:200:20",
         "--capital", "100000", "--commission", "0.0001", "--json", .. extra]);

    [Fact]
    public void Optimize_Random_EvaluatesNDistinctGridCellsReproducibly()
    {
        var a = Optimize("--random", "12", "--seed", "5");
        var b = Optimize("--random", "12", "--seed", "5");

        Assert.Equal(12, (int)a["cells"]!);
        var cells = a["results"]!.AsArray().Select(r => r!["params"]!.ToJsonString()).ToArray();
        Assert.Equal(12, cells.Distinct().Count());
        Assert.Equal(cells, b["results"]!.AsArray().Select(r => r!["params"]!.ToJsonString()));
        Assert.Equal(a["best"]!.ToJsonString(), b["best"]!.ToJsonString());
    }

    [Fact]
    public void Optimize_Top_ListsTheBestCellsInOrder()
    {
        var json = Optimize("--top", "3");

        var top = json["top"]!.AsArray();
        Assert.Equal(3, top.Count);
        Assert.Equal(json["best"]!.ToJsonString(), top[0]!.ToJsonString());
        var sharpe = top.Select(r => (double)r!["sharpe_ratio"]!).ToArray();
        Assert.Equal(sharpe.OrderByDescending(x => x), sharpe);
        Assert.NotNull(json["timing"]!["load_ms"]);
        Assert.NotNull(json["timing"]!["engine_ms"]);
    }

    [Theory]
    [InlineData("--random", "0", "random_samples")]
    [InlineData("--top", "-1", "--top")]
    [InlineData("--random", "many", "--random")]
    public void Optimize_BadSearchOptions_ExitTwo(string option, string value, string expected)
    {
        var (code, _, error) = CliRunner.Run("optimize", "--data", Gbm, "--strategy", "sma_crossover", "--grid", "fast_period=5:10:5", option, value);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }
}
