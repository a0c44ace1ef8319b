using System.Globalization;
using System.Text.Json.Nodes;
using Backtesting.Cli;

namespace Backtesting.Cli.Tests;

/// <summary>
/// Long jobs show progress on stderr when it is a terminal, never on stdout, and not at all with --quiet or when
/// stderr is redirected. The "terminal" here is a writer the CLI is told is one.
/// </summary>
public sealed class ProgressTests
{
    private static readonly string Goog = CliRunner.DataFile("GOOG.csv");

    // GOOG.csv: a header and 2,148 daily bars
    private const int GoogBars = 2_148;

    private static readonly string[] Grid =
    [
        "optimize", "--data", Goog, "--strategy", "sma_crossover",
        "--grid", "fast_period=5:50:5", "--grid", "slow_period=20:200:20", "--commission", "0.002", "--json",
    ];

    private static (int Code, string Out, string Error) Run(bool terminal, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApplication.Run(args, output, error, errorIsTerminal: terminal);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Optimize_ShowsCellProgressOnlyOnATerminal_ForGridAndRandomSearch()
    {
        // 10 fast periods x 10 slow periods; a random search evaluates its 30 samples
        AssertProgressOnlyOnATerminal(Grid, "optimize", "cells", 100);
        AssertProgressOnlyOnATerminal([.. Grid, "--random", "30", "--seed", "1"], "optimize", "cells", 30);
    }

    [Fact]
    public void Optimize_Quiet_ShowsNoProgressEvenOnATerminal()
    {
        var (code, output, error) = Run(terminal: true, [.. Grid, "-q"]);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(100, (int)JsonNode.Parse(output)!["cells"]!);
    }

    [Fact]
    public void WalkForward_ShowsWindowProgressOnlyOnATerminal()
    {
        string[] args = ["walk-forward", "--data", Goog, "--strategy", "sma_crossover", "--grid", "fast_period=5:20:5", "--param", "slow_period=40",
            "--in-sample", "500", "--out-of-sample", "250", "--json"];
        // the unit count is the number of windows the result lists, taken from the run without progress
        int windows = JsonNode.Parse(Run(false, args).Out)!["windows"]!.AsArray().Count;
        Assert.True(windows > 1);

        AssertProgressOnlyOnATerminal(args, "walk-forward", "windows", windows);
    }

    [Fact]
    public void MonteCarlo_ShowsPathProgressOnlyOnATerminal_ForTradeAndPriceMethods()
    {
        string[] trades = ["monte-carlo", "--data", Goog, "--strategy", "sma_crossover", "--paths", "300", "--seed", "3", "--json"];
        string[] prices = ["monte-carlo", "--data", Goog, "--strategy", "sma_crossover", "--method", "block_bootstrap", "--paths", "40", "--seed", "3", "--json"];

        AssertProgressOnlyOnATerminal(trades, "monte-carlo", "paths", 300);
        AssertProgressOnlyOnATerminal(prices, "monte-carlo", "paths", 40);
    }

    [Fact]
    public void Compare_ShowsCandidateProgressOnlyOnATerminal()
    {
        string[] args = ["compare", "--data", Goog, "--candidate", "buy_and_hold", "--candidate", "sma_crossover:fast_period=10,slow_period=20",
            "--candidate", "sma_crossover:fast_period=20,slow_period=50", "--json"];

        AssertProgressOnlyOnATerminal(args, "compare", "candidates", 3);
    }

    [Fact]
    public void Portfolio_ShowsTimelineBarProgressOnlyOnATerminal()
    {
        // the same file under two symbols: the union of their timestamps is GOOG's 2,148 bars, not 4,296
        string[] args = ["portfolio", "--asset", $"A={Goog}", "--asset", $"B={Goog}", "--asset-strategy", "B=sma_crossover", "--rebalance", "monthly", "--json"];

        AssertProgressOnlyOnATerminal(args, "portfolio", "bars", GoogBars);
    }

    [Fact]
    public void Run_BelowTheThreshold_ShowsNoProgressEvenOnATerminal()
    {
        var (code, _, error) = Run(terminal: true, "run", "--data", Goog, "--strategy", "sma_crossover", "--json");

        Assert.Equal(0, code);
        Assert.Equal("", error);
    }

    [Fact]
    public void Run_OfAMillionBars_ShowsBarProgressOnlyOnATerminal()
    {
        string file = Path.Combine(Path.GetTempPath(), $"progress-{Guid.NewGuid():N}.csv");
        try
        {
            var (genCode, _, genError) = Run(false, "gen-data", "--out", file, "--bars", "1000000", "--seed", "7");
            Assert.True(genCode == 0, genError);

            AssertProgressOnlyOnATerminal(["run", "--data", file, "--strategy", "sma_crossover", "--json"], "run", "bars", 1_000_000);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// On a terminal: one line redrawn from 0 up to "total/total unit 100 %", percentages never going back, then a newline;
    /// redirected or with --quiet: an empty stderr; stdout the same result every time (timing aside).
    /// </summary>
    private static void AssertProgressOnlyOnATerminal(string[] args, string label, string unit, int total)
    {
        var (code, output, error) = Run(terminal: true, args);
        var (plainCode, plainOutput, plainError) = Run(terminal: false, args);
        var (quietCode, quietOutput, quietError) = Run(terminal: true, [.. args, "--quiet"]);

        Assert.True(code == 0, error);
        Assert.Equal(0, plainCode);
        Assert.Equal(0, quietCode);
        Assert.Equal("", plainError);
        Assert.Equal("", quietError);

        string totalText = total.ToString("N0", CultureInfo.InvariantCulture);
        Assert.StartsWith($"\r{label}  0/{totalText} {unit}    0%", error);
        Assert.EndsWith(Environment.NewLine, error);
        string[] draws = error[..^Environment.NewLine.Length].Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"{label}  {totalText}/{totalText} {unit}  100%  [####################]", draws[^1]);
        var percents = draws.Select(d => int.Parse(d.Split('%')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture)).ToArray();
        for (int i = 1; i < percents.Length; i++) Assert.True(percents[i] >= percents[i - 1], $"draw {i} went back: {string.Join(", ", percents)}");

        Assert.Equal(WithoutTiming(plainOutput), WithoutTiming(output));
        Assert.Equal(WithoutTiming(plainOutput), WithoutTiming(quietOutput));
    }

    private static string WithoutTiming(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        root.Remove("timing");
        return root.ToJsonString();
    }
}
