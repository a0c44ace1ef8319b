using System.Text.Json.Nodes;
using Backtesting.Cli;

namespace Backtesting.Cli.Tests;

/// <summary>Runs the CLI in-process and captures its output.</summary>
public static class CliRunner
{
    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public static JsonObject RunJson(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.True(code == 0, $"exit {code}: {error}");
        return JsonNode.Parse(output)!.AsObject();
    }
}
