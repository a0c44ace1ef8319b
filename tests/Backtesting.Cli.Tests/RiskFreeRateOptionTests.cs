using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Cli.Tests;

/// <summary>
/// --risk-free-rate on every command that runs a strategy: the ratios equal the engine run with the rate (and
/// differ from the reference run at 0), the JSON echoes the rate, and a bad value exits 2 naming the option and the range.
/// </summary>
public sealed class RiskFreeRateOptionTests
{
    private const double Rate = 0.03;
    private static readonly string Goog = CliRunner.DataFile("GOOG.csv");

    private static Engine.Metrics.PerformanceMetrics EngineRun(double rate)
    {
        BarSeries bars;
        using (var stream = File.OpenRead(Goog)) bars = CsvBarReader.Read(stream);
        var config = StrategyConfigValidator.Validate("sma_crossover", new Dictionary<string, object?>
        {
            ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002,
        }).GetConfigOrThrow();
        return BacktestEngine.Run(bars, config, 10_000, new BacktestOptions(RiskFreeRate: rate)).Metrics;
    }

    [Fact]
    public void Run_GoogSma10x20At3Percent_SharpeAndSortinoOfTheEngineWithTheRate()
    {
        var json = CliRunner.RunJson("run", "--data", Goog, "--strategy", "sma_crossover", "--param", "fast_period=10", "--param", "slow_period=20",
            "--capital", "10000", "--commission", "0.002", "--risk-free-rate", "0.03", "--json");

        var expected = EngineRun(Rate);
        Assert.NotEqual(EngineRun(0).SharpeRatio, expected.SharpeRatio);
        Assert.Equal(expected.SharpeRatio, (double)json["sharpe_ratio"]!);
        Assert.Equal(expected.SortinoRatio, (double)json["sortino_ratio"]!);
        Assert.Equal(Rate, (double)json["risk_free_rate"]!);
        Assert.Equal(63341.19136, (double)json["final_capital"]!, 1e-5);
    }

    [Fact]
    public void Optimize_WithRate_BestCellHasTheEngineSharpeWithTheRate()
    {
        var json = CliRunner.RunJson("optimize", "--data", Goog, "--strategy", "sma_crossover", "--grid", "fast_period=10:10:1", "--grid", "slow_period=20:20:1",
            "--commission", "0.002", "--risk-free-rate", "0.03", "--json");

        var best = json["best"]!;
        Assert.Equal(EngineRun(Rate).SharpeRatio, (double)best["sharpe_ratio"]!);
        Assert.Equal(Rate, (double)best["risk_free_rate"]!);
    }

    public static TheoryData<string[]> Commands => new()
    {
        new[] { "run", "--data", Goog, "--strategy", "sma_crossover" },
        new[] { "optimize", "--data", Goog, "--strategy", "sma_crossover", "--grid", "fast_period=5:10:5" },
        new[] { "walk-forward", "--data", Goog, "--strategy", "sma_crossover", "--grid", "fast_period=5:10:5", "--in-sample", "500", "--out-of-sample", "200" },
        new[] { "monte-carlo", "--data", Goog, "--strategy", "sma_crossover" },
        new[] { "portfolio", "--asset", $"GOOG={Goog}" },
        new[] { "compare", "--data", Goog, "--candidate", "buy_and_hold" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryCommand_BadRate_ExitsWith2NamingTheOptionAndTheRange(string[] command)
    {
        foreach (string rate in new[] { "NaN", "2", "abc", "-1.5" })
        {
            var (code, _, error) = CliRunner.Run([.. command, "--risk-free-rate", rate]);

            Assert.True(code == 2, $"{command[0]} --risk-free-rate {rate}: exit {code}, {error}");
            Assert.Contains("--risk-free-rate", error);
            Assert.Contains("[-1, 1]", error);
            Assert.Contains(rate, error);
        }
    }
}
