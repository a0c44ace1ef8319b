namespace Backtesting.Cli.Tests;

/// <summary>Misspelt options and non-finite numbers are bad input (exit 2) naming the option, never ignored or a serializer crash.</summary>
public class InputValidationTests
{
    private static readonly string Goog = CliRunner.DataFile("GOOG.csv");

    [Fact]
    public void Run_MisspeltOption_Exit2NamingTheNearestOption()
    {
        var (code, _, error) = CliRunner.Run("run", "--data", Goog, "--strategy", "sma_crossover", "--comission", "0.002");

        Assert.Equal(2, code);
        Assert.Contains("--comission: is not an option of run (did you mean '--commission'?); allowed: --data", error);
    }

    [Theory]
    [InlineData("--commission", "Infinity")]
    [InlineData("--commission", "NaN")]
    [InlineData("--capital", "-Infinity")]
    [InlineData("--periods-per-year", "Infinity")]
    public void Run_NonFiniteNumber_Exit2NamingTheOption(string option, string value)
    {
        var (code, output, error) = CliRunner.Run("run", "--data", Goog, "--strategy", "sma_crossover", option, value, "--json");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"{option}: value {value} is not a finite number", error);
    }

    [Fact]
    public void MonteCarlo_NonFinitePercentile_Exit2NamingTheOption()
    {
        var (code, _, error) = CliRunner.Run("monte-carlo", "--data", Goog, "--strategy", "sma_crossover", "--percentile", "5", "--percentile", "Infinity");

        Assert.Equal(2, code);
        Assert.Contains("--percentile: value Infinity is not a finite number", error);
    }
}
