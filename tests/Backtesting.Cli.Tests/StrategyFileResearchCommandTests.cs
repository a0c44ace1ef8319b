using System.Text.Json.Nodes;

namespace Backtesting.Cli.Tests;

/// <summary>
/// <c>--strategy-file</c> on the research commands (walk-forward, monte-carlo, compare, portfolio): the rules of
/// <c>sma_crossover</c> give the built-in's numbers (GOOG 10/20: 63341.19136, DESIGN section 6), bad files exit 2.
/// </summary>
public sealed class StrategyFileResearchCommandTests : IDisposable
{
    private static readonly string Goog = CliRunner.DataFile("GOOG.csv");
    private static readonly string SmaRules = CliRunner.DataFile(Path.Combine("strategies", "sma_crossover_rules.json"));
    private readonly string _directory = Directory.CreateTempSubdirectory("strategy-file-research-").FullName;

    /// <summary>sma_crossover as rules under the built-in's parameter names, so whole outputs compare.</summary>
    private string SameNamesRules()
    {
        var definition = JsonNode.Parse(File.ReadAllText(SmaRules))!.AsObject();
        definition["id"] = "sma_rules_same_names";
        definition["parameters"] = new JsonObject
        {
            ["fast_period"] = new JsonObject { ["type"] = "integer", ["default"] = 10, ["minimum"] = 1, ["maximum"] = 500 },
            ["slow_period"] = new JsonObject { ["type"] = "integer", ["default"] = 30, ["minimum"] = 2, ["maximum"] = 1000 },
        };
        definition["constraints"] = new JsonArray("fast_period < slow_period");
        definition["rules"] = new JsonObject
        {
            ["long_entry"] = "crosses_above(sma(close, fast_period), sma(close, slow_period))",
            ["long_exit"] = "crosses_below(sma(close, fast_period), sma(close, slow_period))",
        };
        return Write("same_names.json", definition.ToJsonString());
    }

    /// <summary>The output without what names the strategy or measures time.</summary>
    private static string Numbers(JsonObject json)
    {
        json.Remove("timing");
        json.Remove("strategy");
        return json.ToJsonString();
    }

    [Fact]
    public void WalkForward_RulesFile_SameWindowsAsTheBuiltIn()
    {
        string[] rest = ["--grid", "fast_period=5:20:5", "--grid", "slow_period=20:60:20", "--in-sample", "500", "--out-of-sample", "250", "--commission", "0.002", "--json"];

        var rules = CliRunner.RunJson(["walk-forward", "--data", Goog, "--strategy-file", SameNamesRules(), .. rest]);
        var builtIn = CliRunner.RunJson(["walk-forward", "--data", Goog, "--strategy", "sma_crossover", .. rest]);

        Assert.Equal("sma_rules_same_names", (string)rules["strategy"]!);
        Assert.Equal(Numbers(builtIn), Numbers(rules));
    }

    [Fact]
    public void MonteCarlo_RulesFile_SamePathsAsTheBuiltIn()
    {
        string[] rest = ["--param", "fast_period=10", "--param", "slow_period=20", "--commission", "0.002", "--paths", "200", "--seed", "3", "--json"];

        var rules = CliRunner.RunJson(["monte-carlo", "--data", Goog, "--strategy-file", SameNamesRules(), .. rest]);
        var builtIn = CliRunner.RunJson(["monte-carlo", "--data", Goog, "--strategy", "sma_crossover", .. rest]);

        Assert.Equal(Numbers(builtIn), Numbers(rules));
    }

    [Fact]
    public void Compare_RulesFileCandidateBesideTheBuiltIn_SameMetrics()
    {
        var json = CliRunner.RunJson("compare", "--data", Goog, "--strategy-file", SmaRules,
            "--candidate", "sma_cross_rules:fast=10,slow=20", "--candidate", "sma_crossover:fast_period=10,slow_period=20", "--commission", "0.002", "--json");

        var results = json["results"]!.AsArray();
        Assert.Equal("sma_cross_rules", (string)results[0]!["strategy"]!);
        Assert.Equal(63341.19136, (double)results[0]!["final_capital"]!, 1e-5);
        Assert.Equal((double)results[1]!["final_capital"]!, (double)results[0]!["final_capital"]!);
        Assert.Equal((double)results[1]!["sharpe_ratio"]!, (double)results[0]!["sharpe_ratio"]!);
    }

    [Fact]
    public void Portfolio_RulesFileOnOneAsset_IsTheReferenceRun()
    {
        var json = CliRunner.RunJson("portfolio", "--asset", $"GOOG={Goog}", "--strategy-file", SmaRules, "--strategy", "sma_cross_rules",
            "--param", "fast=10", "--param", "slow=20", "--commission", "0.002", "--json");

        Assert.Equal(63341.19136, (double)json["final_capital"]!, 1e-5);
        Assert.Equal(46, (int)json["total_trades"]!);
    }

    [Fact]
    public void Compare_BadRulesFile_Exit2WithPositionedError()
    {
        string file = Write("bad.json", """{"id": "bad_rules", "name": "Bad", "rules": {"long_entry": "close > emaa(close, 5)"}}""");

        var (code, output, error) = CliRunner.Run("compare", "--data", Goog, "--strategy-file", file, "--candidate", "bad_rules");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        // "close > " is 8 characters: the call starts at column 9
        Assert.Equal("error: rules.long_entry: column 9: unknown function 'emaa' (did you mean 'ema'?)", error.Trim());
    }

    [Fact]
    public void Compare_TwoFilesWithOneId_Exit2()
    {
        var (code, _, error) = CliRunner.Run("compare", "--data", Goog, "--strategy-file", SmaRules, "--strategy-file", SmaRules, "--candidate", "sma_cross_rules");

        Assert.Equal(2, code);
        Assert.Equal("error: --strategy-file: value 'sma_cross_rules' is the id of more than one file; each strategy id once", error.Trim());
    }

    [Fact]
    public void Portfolio_UnknownStrategyWithoutItsFile_Exit2ListingTheKnownOnes()
    {
        var (code, _, error) = CliRunner.Run("portfolio", "--asset", $"GOOG={Goog}", "--strategy", "sma_cross_rules");

        Assert.Equal(2, code);
        Assert.Contains("strategy_id: value 'sma_cross_rules' is not a known strategy; allowed: sma_crossover", error);
    }

    [Fact]
    public void WalkForward_StrategyAndFile_Exit2()
    {
        var (code, _, error) = CliRunner.Run("walk-forward", "--data", Goog, "--strategy", "sma_crossover", "--strategy-file", SmaRules,
            "--grid", "fast=5,10", "--in-sample", "500", "--out-of-sample", "250");

        Assert.Equal(2, code);
        Assert.Equal("error: --strategy: value 'sma_crossover' cannot be combined with --strategy-file", error.Trim());
    }

    private string Write(string name, string json)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
