namespace Backtesting.Cli.Tests;

public class WalkForwardCommandTests
{
    private static readonly string Goog = CliRunner.DataFile("GOOG.csv");

    [Fact]
    public void WalkForward_Json_WindowsStitchedMetricsEfficiencyAndTiming()
    {
        var json = CliRunner.RunJson("walk-forward", "--data", Goog, "--strategy", "sma_crossover",
            "--grid", "fast_period=5:20:5", "--grid", "slow_period=20:60:20", "--in-sample", "500", "--out-of-sample", "250",
            "--commission", "0.002", "--json");

        var windows = json["windows"]!.AsArray();
        Assert.Equal(7, windows.Count); // (2148 - 500) / 250 rounded up
        Assert.Equal(500, (int)windows[0]!["in_sample"]!["bars"]!);
        Assert.Equal(500, (int)windows[0]!["out_of_sample"]!["first_bar"]!);
        Assert.Equal(148, (int)windows[^1]!["out_of_sample"]!["bars"]!);
        Assert.NotNull(windows[0]!["best_params"]!["fast_period"]);
        Assert.Equal("rolling", (string)json["mode"]!);
        Assert.Equal(1648, (int)json["out_of_sample_bars"]!);
        Assert.NotNull(json["metrics"]!["final_capital"]);
        Assert.True(json.ContainsKey("walk_forward_efficiency"));
        Assert.NotNull(json["timing"]!["engine_ms"]);
        Assert.NotNull(json["timing"]!["load_ms"]);
    }

    [Fact]
    public void WalkForward_AnchoredTimeWindows_StartEveryInSampleAtTheFirstBar()
    {
        var json = CliRunner.RunJson("walk-forward", "--data", Goog, "--strategy", "ema_crossover",
            "--grid", "fast_period=5,10", "--grid", "slow_period=30,50", "--in-sample", "730d", "--out-of-sample", "52w", "--anchored", "--json");

        Assert.Equal("anchored", (string)json["mode"]!);
        Assert.All(json["windows"]!.AsArray(), w => Assert.Equal(0, (int)w!["in_sample"]!["first_bar"]!));
    }

    [Theory]
    [InlineData("--in-sample", "5y", "not a window length")]
    [InlineData("--out-of-sample", "0", "out_of_sample")]
    [InlineData("--in-sample", "100000", "leaves no out-of-sample window")]
    public void WalkForward_BadWindows_ExitTwoWithReason(string option, string value, string expected)
    {
        var args = new List<string> { "walk-forward", "--data", Goog, "--strategy", "sma_crossover", "--grid", "fast_period=5,10", "--in-sample", "500", "--out-of-sample", "250" };
        int at = args.IndexOf(option);
        args[at + 1] = value;

        var (code, _, error) = CliRunner.Run([.. args]);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void WalkForward_MissingRequiredOption_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("walk-forward", "--data", Goog, "--strategy", "sma_crossover", "--grid", "fast_period=5,10");

        Assert.Equal(2, code);
        Assert.Contains("--in-sample", error);
    }
}
