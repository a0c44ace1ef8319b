using System.Text.Json.Nodes;

namespace Backtesting.Cli.Tests;

public class OtherCommandTests
{
    [Fact]
    public void Strategies_Json_ListsCatalogWithSchemas()
    {
        var (code, output, _) = CliRunner.Run("strategies", "--json");

        Assert.Equal(0, code);
        var list = JsonNode.Parse(output)!.AsArray();
        var ids = list.Select(s => (string)s!["id"]!).ToArray();
        Assert.Equal(["sma_crossover", "ema_crossover", "macd_crossover", "rsi_reversion", "bollinger_reversion", "donchian_breakout", "buy_and_hold"], ids);
        var sma = list[0]!;
        Assert.Equal("integer", (string)sma["parameters_schema"]!["properties"]!["fast_period"]!["type"]!);
        Assert.Equal(10, (int)sma["default_parameters"]!["fast_period"]!);
    }

    [Fact]
    public void GenData_SameSeed_SameFileAndRunnable()
    {
        string a = Path.Combine(Path.GetTempPath(), $"gbm-{Guid.NewGuid():N}.csv");
        string b = Path.Combine(Path.GetTempPath(), $"gbm-{Guid.NewGuid():N}.csv.gz");
        try
        {
            Assert.Equal(0, CliRunner.Run("gen-data", "--out", a, "--bars", "500", "--seed", "7").ExitCode);
            Assert.Equal(0, CliRunner.Run("gen-data", "--out", b, "--bars", "500", "--seed", "7").ExitCode);
            var fromPlain = CliRunner.RunJson("run", "--data", a, "--strategy", "sma_crossover", "--json");
            var fromGzip = CliRunner.RunJson("run", "--data", b, "--strategy", "sma_crossover", "--json");

            Assert.Equal(500, (int)fromPlain["bars"]!);
            Assert.Equal((double)fromPlain["final_capital"]!, (double)fromGzip["final_capital"]!);
        }
        finally
        {
            File.Delete(a);
            File.Delete(b);
        }
    }

    [Fact]
    public void GenData_BadInterval_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("gen-data", "--out", "/tmp/x.csv", "--interval", "7s");

        Assert.Equal(2, code);
        Assert.Contains("--interval", error);
    }

    [Fact]
    public void UnknownCommand_ExitsTwo()
    {
        Assert.Equal(2, CliRunner.Run("frobnicate").ExitCode);
    }
}
