namespace Backtesting.Cli.Tests;

public class PortfolioCommandTests
{
    private static readonly string Goog = CliRunner.DataFile("GOOG.csv");
    private static readonly string Gbm = CliRunner.DataFile("gbm_10000.csv");

    [Fact]
    public void Portfolio_OneAssetAtWeightOne_EqualsTheRunCommand()
    {
        var single = CliRunner.RunJson("run", "--data", Goog, "--strategy", "sma_crossover", "--param", "fast_period=10", "--param", "slow_period=20",
            "--commission", "0.002", "--json");
        var portfolio = CliRunner.RunJson("portfolio", "--asset", $"GOOG={Goog}", "--strategy", "sma_crossover", "--param", "fast_period=10",
            "--param", "slow_period=20", "--commission", "0.002", "--json");

        foreach (string name in new[] { "final_capital", "sharpe_ratio", "max_drawdown", "total_trades", "open_trades", "total_fees", "exposure", "buy_and_hold_return" })
            Assert.Equal((double)single[name]!, (double)portfolio[name]!);
        Assert.Equal(5.334119136, (double)portfolio["assets"]![0]!["contribution"]!, 6);
    }

    [Fact]
    public void Portfolio_TwoAssetsMonthlyRebalance_ReportsContributions()
    {
        var json = CliRunner.RunJson("portfolio", "--asset", $"GOOG={Goog}", "--asset", $"GBM={Gbm}", "--weight", "GOOG=0.7", "--weight", "GBM=0.3",
            "--asset-strategy", "GBM=sma_crossover", "--asset-param", "GBM.fast_period=10", "--asset-param", "GBM.slow_period=30",
            "--rebalance", "monthly", "--capital", "100000", "--json");

        var assets = json["assets"]!.AsArray();
        Assert.Equal("buy_and_hold", (string)assets[0]!["strategy"]!);
        Assert.Equal("sma_crossover", (string)assets[1]!["strategy"]!);
        Assert.Equal(0.7, (double)assets[0]!["target_weight"]!);
        double contributions = assets.Sum(a => (double)a!["contribution"]!);
        Assert.Equal((double)json["total_return"]!, contributions, 9);
        Assert.True((int)json["rebalances"]! > 0);
        Assert.Equal("monthly", (string)json["rebalance"]!);
        Assert.NotNull(json["timing"]!["engine_ms"]);
    }

    [Theory]
    [InlineData("--weight", "GOOG=1.5", "assets[0].weight")]
    [InlineData("--weight", "NOPE=0.5", "is not an asset")]
    [InlineData("--rebalance", "sometimes", "--rebalance")]
    [InlineData("--asset-param", "GOOG.fast_period=0", "assets[0].parameters.fast_period")]
    public void Portfolio_BadInput_ExitsTwoWithField(string option, string value, string expected)
    {
        var (code, _, error) = CliRunner.Run("portfolio", "--asset", $"GOOG={Goog}", "--strategy", "sma_crossover", option, value);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Portfolio_MissingFile_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("portfolio", "--asset", "X=/no/such/file.csv");

        Assert.Equal(2, code);
        Assert.Contains("does not exist", error);
    }
}
