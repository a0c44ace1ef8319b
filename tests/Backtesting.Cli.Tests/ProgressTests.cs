using System.Text.Json.Nodes;
using Backtesting.Cli;

namespace Backtesting.Cli.Tests;

/// <summary>
/// Long jobs show progress on stderr when it is a terminal, never on stdout, and not at all with --quiet or when
/// stderr is redirected. The "terminal" here is a writer the CLI is told is one.
/// </summary>
public sealed class ProgressTests
{
    private static readonly string[] Grid =
    [
        "optimize", "--data", CliRunner.DataFile("GOOG.csv"), "--strategy", "sma_crossover",
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
    public void Optimize_OnATerminal_ShowsCellProgressOnStderrAndTheSameResultOnStdout()
    {
        var (code, output, error) = Run(terminal: true, Grid);
        var (plainCode, plainOutput, plainError) = Run(terminal: false, Grid);

        Assert.Equal(0, code);
        Assert.Equal(0, plainCode);
        // 10 fast periods x 10 slow periods; redrawn in place, finished on its own line
        Assert.Contains("\roptimize  0/100 cells    0%", error);
        Assert.Contains("\roptimize  100/100 cells  100%  [####################]", error);
        Assert.EndsWith(Environment.NewLine, error);
        Assert.Equal("", plainError);
        // stdout is the JSON alone, with the same cells (slices do not change a result)
        Assert.Equal(Cells(plainOutput), Cells(output));
    }

    [Fact]
    public void Optimize_Quiet_ShowsNoProgressEvenOnATerminal()
    {
        var (code, output, error) = Run(terminal: true, [.. Grid, "--quiet"]);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(100, (int)JsonNode.Parse(output)!["cells"]!);
    }

    private static string Cells(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        root.Remove("timing");
        return root.ToJsonString();
    }
}
