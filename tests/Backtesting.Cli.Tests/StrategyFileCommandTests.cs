using System.Text.Json.Nodes;

namespace Backtesting.Cli.Tests;

/// <summary><c>run</c> and <c>optimize</c> with <c>--strategy-file</c>: the samples load, validate and run; bad files exit 2 with positioned errors.</summary>
public sealed class StrategyFileCommandTests : IDisposable
{
    private static readonly string Goog = CliRunner.DataFile("GOOG.csv");
    private readonly string _directory = Directory.CreateTempSubdirectory("strategy-file-").FullName;

    public static TheoryData<string> Samples => new(Directory.GetFiles(CliRunner.DataFile("strategies"), "*.json").Select(Path.GetFileName)!);

    [Fact]
    public void Samples_AtLeastFive() => Assert.True(Samples.Count >= 5, $"{Samples.Count} samples");

    [Theory]
    [MemberData(nameof(Samples))]
    public void Run_Sample_LoadsValidatesAndTrades(string sample)
    {
        var json = CliRunner.RunJson("run", "--data", Goog, "--strategy-file", CliRunner.DataFile(Path.Combine("strategies", sample)), "--json");
        string id = JsonNode.Parse(File.ReadAllText(CliRunner.DataFile(Path.Combine("strategies", sample))))!["id"]!.GetValue<string>();
        Assert.Equal(id, json["strategy"]!.GetValue<string>());
        Assert.True(json["total_trades"]!.GetValue<int>() + json["open_trades"]!.GetValue<int>() > 0, $"{sample} never traded on GOOG");
    }

    [Fact]
    public void Run_SmaCrossoverRules_ReproducesTheReference()
    {
        var json = CliRunner.RunJson("run", "--data", Goog, "--strategy-file", CliRunner.DataFile(Path.Combine("strategies", "sma_crossover_rules.json")),
            "--param", "fast=10", "--param", "slow=20", "--commission", "0.002", "--json");
        // DESIGN section 6
        Assert.Equal(63341.19136, json["final_capital"]!.GetValue<double>(), 1e-5);
        Assert.Equal(46, json["total_trades"]!.GetValue<int>());
        Assert.Equal(1, json["open_trades"]!.GetValue<int>());
    }

    [Fact]
    public void Optimize_GridOverRuleParameters_ConstraintSkipsCells()
    {
        var json = CliRunner.RunJson("optimize", "--data", Goog, "--strategy-file", CliRunner.DataFile(Path.Combine("strategies", "sma_crossover_rules.json")),
            "--grid", "fast=5:50:5", "--grid", "slow=10:100:10", "--objective", "final_capital", "--json");
        // fast >= slow in 25 of the 100 cells (fast 10: slow 10; 20: 10, 20; 30: 3; 40: 4; 50: 5; 15: 1; 25: 2; 35: 3; 45: 4)
        Assert.Equal(100, json["cells"]!.GetValue<int>());
        Assert.Equal(25, json["skipped"]!.GetValue<int>());
    }

    [Fact]
    public void Run_BadDefinition_Exit2WithEveryPositionedError()
    {
        string file = Write("""{"id": "bad_one", "name": "Bad", "parameters": {"fast": {"type": "integer", "default": 5}}, "rules": {"long_entry": "close > 10 * smaa(close, 3)", "long_exit": "fastt < 1"}}""");
        var (code, output, error) = CliRunner.Run("run", "--data", Goog, "--strategy-file", file);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(
        [
            "error: rules.long_entry: column 14: unknown function 'smaa' (did you mean 'sma'?)",
            "error: rules.long_exit: column 1: 'fastt' is not a parameter or series (did you mean 'fast'?)",
        ], error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Theory]
    [InlineData(true, "error: --strategy: value 'sma_crossover' cannot be combined with --strategy-file")]
    [InlineData(false, "error: --strategy: is required: a strategy id, or --strategy-file with a rules definition")]
    public void Run_StrategyAndFile_ExactlyOneRequired(bool both, string expected)
    {
        string[] args = both
            ? ["run", "--data", Goog, "--strategy", "sma_crossover", "--strategy-file", CliRunner.DataFile(Path.Combine("strategies", "sma_crossover_rules.json"))]
            : ["run", "--data", Goog];
        var (code, _, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public void Run_MissingFile_Exit2()
    {
        var (code, _, error) = CliRunner.Run("run", "--data", Goog, "--strategy-file", Path.Combine(_directory, "absent.json"));
        Assert.Equal(2, code);
        Assert.Contains("absent.json", error);
    }

    private string Write(string json)
    {
        string path = Path.Combine(_directory, "definition.json");
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
