namespace Backtesting.Cli.Tests;

public class CompareCommandTests
{
    private static readonly string Goog = CliRunner.DataFile("GOOG.csv");

    [Fact]
    public void Compare_Json_SideBySideRankingAndCorrelation()
    {
        var json = CliRunner.RunJson("compare", "--data", Goog, "--candidate", "sma_crossover:fast_period=10,slow_period=20",
            "--candidate", "ema_crossover", "--candidate", "buy_and_hold", "--commission", "0.002", "--json");

        var results = json["results"]!.AsArray();
        Assert.Equal(3, results.Count);
        Assert.Equal(63341.19136, (double)results[0]!["final_capital"]!, 4);
        Assert.Equal("sma_crossover:fast_period=10,slow_period=20", (string)json["ranking"]![0]!);
        Assert.Equal(1, (int)results[0]!["rank"]!);
        var matrix = json["correlation"]!["matrix"]!.AsArray();
        Assert.Equal(3, matrix.Count);
        Assert.Equal(1, (double)matrix[1]![1]!, 12);
        Assert.Equal((double)matrix[0]![2]!, (double)matrix[2]![0]!);
        Assert.Equal(2148, (int)json["correlation"]!["days"]!);
        Assert.NotNull(json["timing"]!["engine_ms"]);
    }

    [Fact]
    public void Compare_RankByDrawdown_LowestFirst()
    {
        var json = CliRunner.RunJson("compare", "--data", Goog, "--candidate", "sma_crossover", "--candidate", "buy_and_hold",
            "--candidate", "rsi_reversion", "--rank-by", "max_drawdown", "--json");

        Assert.False((bool)json["maximize"]!);
        var ranked = json["ranking"]!.AsArray().Select(l => (string)l!).ToArray();
        var byLabel = json["results"]!.AsArray().ToDictionary(r => (string)r!["label"]!, r => (double)r!["max_drawdown"]!);
        Assert.Equal(ranked.Select(l => byLabel[l]).OrderBy(x => x), ranked.Select(l => byLabel[l]));
    }

    [Theory]
    [InlineData("nope", "candidates[0].strategy_id")]
    [InlineData("sma_crossover:fast_period=50,slow_period=20", "candidates[0].parameters.fast_period")]
    [InlineData("sma_crossover:fast_period", "NAME=VALUE")]
    public void Compare_BadCandidate_ExitsTwoWithField(string spec, string expected)
    {
        var (code, _, error) = CliRunner.Run("compare", "--data", Goog, "--candidate", spec);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Compare_WindowWithoutBars_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("compare", "--data", Goog, "--candidate", "buy_and_hold", "--from", "2020-01-01");

        Assert.Equal(2, code);
        Assert.Contains("select no bars", error);
    }
}
