using System.Text.Json;
using Backtesting.Engine.Data;
using Backtesting.Engine.Rules;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Tests.Rules;

/// <summary>Builds rules definitions from a few fields and runs them the way a caller does (validate, then run).</summary>
public static class RuleTestSupport
{
    private static readonly Lazy<BarSeries> Gbm100000Bars = new(() => LoadShared("gbm_100000.csv"));

    /// <summary>100000 synthetic bars of the shared data folder (too large to copy into TestData).</summary>
    public static BarSeries Gbm100000 => Gbm100000Bars.Value;

    /// <summary>A definition's JSON with the given rules and parameters (name: (integer?, default, min, max)).</summary>
    public static string Json(IReadOnlyDictionary<string, string> rules,
        IReadOnlyDictionary<string, (bool Integer, double Default, double Min, double Max)>? parameters = null,
        IReadOnlyList<string>? constraints = null, string id = "test_rules")
    {
        var definition = new Dictionary<string, object>
        {
            ["id"] = id,
            ["name"] = "Test rules",
            ["strategy_type"] = "trend",
            ["parameters"] = (parameters ?? new Dictionary<string, (bool, double, double, double)>()).ToDictionary(
                p => p.Key, p => (object)new Dictionary<string, object>
                {
                    ["type"] = p.Value.Integer ? "integer" : "number",
                    ["default"] = p.Value.Default,
                    ["minimum"] = p.Value.Min,
                    ["maximum"] = p.Value.Max,
                }),
            ["constraints"] = constraints ?? [],
            ["rules"] = rules,
        };
        return JsonSerializer.Serialize(definition);
    }

    /// <summary>A valid definition (the test fails with every problem otherwise).</summary>
    public static RuleStrategyDefinition Define(IReadOnlyDictionary<string, string> rules,
        IReadOnlyDictionary<string, (bool Integer, double Default, double Min, double Max)>? parameters = null,
        IReadOnlyList<string>? constraints = null)
    {
        var errors = RuleStrategyDefinition.TryParse(Json(rules, parameters, constraints), out var definition);
        Assert.True(definition is not null, string.Join("; ", errors));
        return definition!;
    }

    /// <summary>Validates the parameters against the definition and runs a backtest.</summary>
    public static BacktestResult Run(RuleStrategyDefinition definition, BarSeries bars, IReadOnlyDictionary<string, object?> parameters,
        double initialCapital = 10_000)
    {
        var validation = StrategyConfigValidator.Validate(definition.ToStrategyDefinition(), parameters);
        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        return BacktestEngine.Run(bars, validation.Config!, initialCapital);
    }

    /// <summary>The per-bar signals (rule flags) of a definition with the given parameters.</summary>
    public static sbyte[] Signals(RuleStrategyDefinition definition, BarSeries bars, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        var validation = StrategyConfigValidator.Validate(definition.ToStrategyDefinition(), parameters ?? new Dictionary<string, object?>());
        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        var signals = new sbyte[bars.Count];
        validation.Config!.CreateStrategy().GenerateSignals(bars, signals);
        return signals;
    }

    /// <summary>Bars where <paramref name="rule"/> (a long_entry condition over the bars) holds.</summary>
    public static bool[] Holds(string rule, BarSeries bars)
    {
        var definition = Define(new Dictionary<string, string> { ["long_entry"] = rule });
        return Signals(definition, bars).Select(s => PositionBook.Target(0, FlagsOf(s)) == 1).ToArray();
    }

    private static RuleFlags FlagsOf(sbyte signal) => PositionBook.FlagsOf(DirectionMode.Long, signal);

    private static BarSeries LoadShared(string fileName)
    {
        // the shared data folder sits next to the repository (../shared/data), as for the CLI and benchmarks
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", fileName);
            if (File.Exists(candidate))
            {
                using var stream = File.OpenRead(candidate);
                return CsvBarReader.Read(stream);
            }
        }
        throw new FileNotFoundException($"shared/data/{fileName} was not found above {AppContext.BaseDirectory}");
    }
}
