namespace Backtesting.Cli.Tests;

public class MonteCarloCommandTests
{
    private static readonly string Goog = CliRunner.DataFile("GOOG.csv");

    private static string[] Args(params string[] extra) =>
        ["monte-carlo", "--data", Goog, "--strategy", "sma_crossover", "--param", "fast_period=10", "--param", "slow_period=20", "--commission", "0.002", .. extra];

    [Fact]
    public void MonteCarlo_Reshuffle_EveryPathEndsAtTheClosedTradesFinalCapital()
    {
        var json = CliRunner.RunJson(Args("--paths", "2000", "--seed", "3", "--json"));

        Assert.Equal("trade_reshuffle", (string)json["method"]!);
        Assert.Equal(2000, (int)json["paths"]!);
        // 46 closed trades are reshuffled; the open one (DESIGN section 6: 46 closed + 1 open) is not
        Assert.Equal(46, (int)json["trade_count"]!);
        Assert.Equal("trades", (string)json["drawdown_basis"]!);
        Assert.Equal(63341.19136, (double)json["baseline"]!["final_capital"]!, 4);
        // the paths' baseline: 10,000 + 46 trades x expectancy 985.70958261 = 55,342.64080
        var distribution = json["distributions"]!["final_capital"]!;
        double final = (double)distribution["baseline"]!;
        Assert.Equal(10_000 + 46 * 985.70958261, final, 5);
        Assert.Equal(final, (double)distribution["p5"]!, 6);
        Assert.Equal(final, (double)distribution["p95"]!, 6);
        var drawdown = json["distributions"]!["max_drawdown"]!;
        Assert.InRange((double)drawdown["baseline"]!, 0.13, 0.14);
        Assert.True((double)drawdown["p5"]! < (double)drawdown["p95"]!);
        Assert.Equal(0, (double)json["probability_of_loss"]!);
        Assert.InRange((double)json["probability_of_drawdown_beyond_threshold"]!, 0, 1);
        Assert.NotNull(json["timing"]!["engine_ms"]);
    }

    [Fact]
    public void MonteCarlo_SameSeed_SameOutput()
    {
        var a = CliRunner.RunJson(Args("--method", "trade_bootstrap", "--paths", "500", "--seed", "9", "--json"));
        var b = CliRunner.RunJson(Args("--method", "trade_bootstrap", "--paths", "500", "--seed", "9", "--json"));

        Assert.Equal(a["distributions"]!.ToJsonString(), b["distributions"]!.ToJsonString());
    }

    [Fact]
    public void MonteCarlo_PricePathsWithBands_ReportMetricsAndFanChart()
    {
        var json = CliRunner.RunJson(Args("--method", "block_bootstrap", "--paths", "20", "--metric", "sharpe_ratio",
            "--percentile", "10", "--percentile", "90", "--band-points", "11", "--bands", "--json"));

        Assert.NotNull(json["distributions"]!["sharpe_ratio"]!["p10"]);
        var bands = json["bands"]!;
        Assert.Equal("bar", (string)bands["axis"]!);
        Assert.Equal(11, bands["steps"]!.AsArray().Count);
        Assert.Equal(11, bands["timestamps"]!.AsArray().Count);
        var low = bands["p10"]!.AsArray().Select(v => (double)v!).ToArray();
        var high = bands["p90"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.All(Enumerable.Range(0, 11), i => Assert.True(low[i] <= high[i]));
    }

    [Theory]
    [InlineData("--method", "magic", "--method")]
    [InlineData("--paths", "0", "--paths")]
    [InlineData("--metric", "sharpe_ratio", "trade paths")]
    [InlineData("--percentile", "150", "--percentile")]
    [InlineData("--paths", "lots", "--paths")]
    public void MonteCarlo_BadInput_ExitsTwoNamingTheOption(string option, string value, string expected)
    {
        var (code, _, error) = CliRunner.Run(Args(option, value));

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void MonteCarlo_Reshuffle_SaysFinalCapitalIsUnchangedByConstruction()
    {
        var json = CliRunner.RunJson("monte-carlo", "--data", CliRunner.DataFile("GOOG.csv"), "--strategy", "sma_crossover",
            "--param", "fast_period=10", "--param", "slow_period=20", "--method", "trade_reshuffle", "--paths", "20", "--json");

        Assert.Contains("final_capital, total_return, total_trades and win_rate are unchanged by construction", (string)json["note"]!);
        // and it is: no spread of final capital across the paths
        Assert.Equal(0, (double)json["distributions"]!["final_capital"]!["std"]!, 6);
    }
}
