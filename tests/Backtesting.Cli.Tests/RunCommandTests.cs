using Backtesting.Engine.Metrics;

namespace Backtesting.Cli.Tests;

public class RunCommandTests
{
    private static readonly string Goog = CliRunner.DataFile("GOOG.csv");

    [Fact]
    public void Run_GoogSma10x20_ReproducesReferenceFigures()
    {
        var json = CliRunner.RunJson("run", "--data", Goog, "--strategy", "sma_crossover",
            "--param", "fast_period=10", "--param", "slow_period=20", "--capital", "10000", "--commission", "0.002", "--json");

        // DESIGN.md section 6, produced by three independent engines
        Assert.Equal(63341.19136, (double)json["final_capital"]!, 1e-5);
        Assert.Equal(46, (int)json["total_trades"]!);
        Assert.Equal(1, (int)json["open_trades"]!);
        Assert.Equal(2148, (int)json["bars"]!);
        Assert.Equal(5908.84864, (double)json["total_fees"]!, 1e-6);
        Assert.Equal(1.08115269, (double)json["sharpe_ratio"]!, 1e-8);
    }

    [Fact]
    public void Run_Json_EveryMetricMatchesTheReferenceAndTheDesignDefinitions()
    {
        var json = CliRunner.RunJson("run", "--data", Goog, "--strategy", "sma_crossover",
            "--param", "fast_period=10", "--param", "slow_period=20", "--capital", "10000", "--commission", "0.002", "--json");
        double Metric(string name) => (double)json[name]!;

        Assert.All(MetricNames.All, name => Assert.True(json.ContainsKey(name), $"missing {name}"));

        // DESIGN.md section 6: the figures three outside engines agree on
        Assert.Equal(63341.19136, Metric("final_capital"), 1e-5);
        Assert.Equal(5.334119136, Metric("total_return"), 1e-9);
        Assert.Equal(0.2001734114, Metric("max_drawdown"), 1e-9);
        Assert.Equal(46, (int)json["total_trades"]!);
        Assert.Equal(1, (int)json["open_trades"]!);
        Assert.Equal(0.6086956522, Metric("win_rate"), 1e-9);
        Assert.Equal(2.75115771, Metric("profit_factor"), 1e-8);
        Assert.Equal(985.70958261, Metric("expectancy"), 1e-7);
        Assert.Equal(1.08115269, Metric("sharpe_ratio"), 1e-8);
        Assert.Equal(5908.84864, Metric("total_fees"), 1e-6);

        // DESIGN.md section 5 definitions, checked between the reported figures
        int bars = (int)json["bars"]!, wins = (int)json["winning_trades"]!, losses = (int)json["losing_trades"]!;
        Assert.Equal(2148, bars); // GOOG.csv: 2,149 lines, one header
        Assert.Equal(Metric("final_capital") / 10_000 - 1, Metric("total_return"), 1e-12);
        Assert.Equal(Math.Pow(Metric("final_capital") / 10_000, 252.0 / bars) - 1, Metric("annual_return"), 1e-12); // daily bars: A = 252
        Assert.Equal(Metric("annual_return") / Metric("max_drawdown"), Metric("calmar_ratio"), 1e-12);
        Assert.Equal(28, wins); // 0.6086956522 x 46 = 28
        Assert.Equal((double)wins / 46, Metric("win_rate"), 1e-12);
        Assert.InRange(losses, 1, 46 - wins);
        Assert.True(Metric("avg_win") > 0 && Metric("avg_loss") < 0, "avg_win is a mean of gains, avg_loss of losses");
        Assert.Equal(wins * Metric("avg_win") / -(losses * Metric("avg_loss")), Metric("profit_factor"), 1e-9);
        Assert.Equal((wins * Metric("avg_win") + losses * Metric("avg_loss")) / 46, Metric("expectancy"), 1e-9);
        Assert.InRange(Metric("exposure"), 0.5, 1.0); // in the market from the first cross (bar ~20) most of the time, with one trade open at the end
        Assert.InRange((int)json["max_drawdown_duration"]!, 1, bars);
        Assert.True(Metric("sortino_ratio") > 0, "positive mean return gives a positive Sortino ratio");
        // buy and hold: last close / first close - 1, from the file itself (100.34 on 2004-08-19, 806.19 on 2013-03-01)
        Assert.Equal(806.19 / 100.34 - 1, Metric("buy_and_hold_return"), 1e-12);

        var timing = json["timing"]!.AsObject();
        Assert.True((double)timing["load_ms"]! >= 0);
        Assert.True((double)timing["engine_ms"]! >= 0);
    }

    [Fact]
    public void Run_TextOutput_PrintsMetricTable()
    {
        var (code, output, _) = CliRunner.Run("run", "--data", Goog, "--strategy", "sma_crossover", "--param", "fast_period=10", "--param", "slow_period=20", "--commission", "0.002");

        Assert.Equal(0, code);
        Assert.Contains("final_capital", output);
        Assert.Contains("63341.19136", output);
    }

    [Fact]
    public void Run_UnknownStrategy_ExitsTwoNamingFieldAndAllowedIds()
    {
        var (code, _, error) = CliRunner.Run("run", "--data", Goog, "--strategy", "nope");

        Assert.Equal(2, code);
        Assert.Contains("strategy_id", error);
        Assert.Contains("sma_crossover", error);
    }

    [Fact]
    public void Run_OutOfBoundsAndCrossedPeriods_ExitsTwoWithEachProblem()
    {
        var (code, _, error) = CliRunner.Run("run", "--data", Goog, "--strategy", "sma_crossover", "--param", "fast_period=0", "--param", "direction=sideways");

        Assert.Equal(2, code);
        Assert.Contains("parameters.fast_period", error);
        Assert.Contains("parameters.direction", error);
        Assert.Contains("long_short", error);
    }

    [Fact]
    public void Run_FastNotBelowSlow_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("run", "--data", Goog, "--strategy", "sma_crossover", "--param", "fast_period=30", "--param", "slow_period=20");

        Assert.Equal(2, code);
        Assert.Contains("must be < slow_period", error);
    }

    [Fact]
    public void Run_MissingDataOption_IsParseErrorWithExitTwo()
    {
        var (code, _, error) = CliRunner.Run("run", "--strategy", "sma_crossover");

        Assert.Equal(2, code);
        Assert.Contains("--data", error);
    }

    [Fact]
    public void Run_MissingFile_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("run", "--data", "/nonexistent/file.csv", "--strategy", "buy_and_hold");

        Assert.Equal(2, code);
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public void Run_BrokenRow_ExitsTwoNamingRowAndRule()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, "Date,Open,High,Low,Close,Volume\n2024-01-01,10,11,9,10.5,100\n2024-01-02,10,9.5,9,10.5,100\n");
        try
        {
            var (code, _, error) = CliRunner.Run("run", "--data", path, "--strategy", "buy_and_hold");

            Assert.Equal(2, code);
            Assert.Contains("row 3", error);
            Assert.Contains("high 9.5 is below max(open, close)", error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Run_ParameterGivenTwice_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("run", "--data", Goog, "--strategy", "sma_crossover", "--param", "fast_period=5", "--param", "fast_period=6");

        Assert.Equal(2, code);
        Assert.Contains("given twice", error);
    }

    [Fact]
    public void Run_NonPositiveCapital_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("run", "--data", Goog, "--strategy", "buy_and_hold", "--capital", "-5");

        Assert.Equal(2, code);
        Assert.Contains("--capital", error);
    }

    [Fact]
    public void Run_DateWindow_UsesOnlyBarsInside()
    {
        var json = CliRunner.RunJson("run", "--data", Goog, "--strategy", "buy_and_hold", "--from", "2005-01-01", "--to", "2005-12-31", "--json");

        // 2005 had 252 trading days
        Assert.Equal(252, (int)json["bars"]!);
    }
}
