using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Backtesting.Engine.Optimization;

namespace Backtesting.Cli.Commands;

/// <summary>Options shared by the commands that run strategies, and turning NAME=VALUE pairs into parameters.</summary>
public static class CommonOptions
{
    public static Option<string> Data() => new("--data") { Description = "CSV or CSV.gz file with Date,Open,High,Low,Close,Volume columns.", Required = true };

    public static Option<string> Strategy() => new("--strategy") { Description = "Strategy id (see the 'strategies' command).", Required = true };

    public static Option<string[]> Params() => new("--param")
    {
        Description = "Strategy parameter NAME=VALUE (repeatable), e.g. --param fast_period=10.",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Repeatable --strategy-file: rules strategies whose ids the command's strategy options may then name.</summary>
    public static Option<string[]> StrategyFiles(string namedBy) => new("--strategy-file")
    {
        Description = $"JSON file defining a rules strategy (see samples/strategies); {namedBy} may then name its id (repeatable).",
    };

    public static Option<double> Capital() => new("--capital") { Description = "Initial capital.", DefaultValueFactory = _ => 10_000 };

    public static Option<double?> Commission() => new("--commission") { Description = "Commission rate per fill (0.001 = 0.1 %); same as --param commission=R." };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of tables." };

    public static Option<double?> PeriodsPerYear() => new("--periods-per-year") { Description = "Annualisation factor; inferred from bar spacing when omitted." };

    /// <summary>--risk-free-rate, checked while parsing by the engine's rule, so a bad value is a parse error (exit 2) naming the option.</summary>
    public static Option<double> RiskFreeRate() => new("--risk-free-rate")
    {
        Description = "Annual risk-free rate as a fraction in [-1, 1] (0.05 = 5 %): Sharpe and Sortino use excess returns r(t) - rate / periods per year. Default 0.",
        DefaultValueFactory = _ => 0,
        CustomParser = ParseRiskFreeRate,
    };

    public static Option<DateTime?> From() => new("--from") { Description = "First bar date (inclusive, UTC)." };

    public static Option<DateTime?> To() => new("--to") { Description = "Last bar date (inclusive, UTC)." };

    private static double ParseRiskFreeRate(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return 0;
        string text = result.Tokens[^1].Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate))
        {
            result.AddError($"--risk-free-rate: value '{text}' is not a number; it must be {Engine.Metrics.RiskFreeRate.Allowed}");
            return 0;
        }
        if (Engine.Metrics.RiskFreeRate.Check(rate, "--risk-free-rate") is { } error)
            result.AddError(error.ToString());
        return rate;
    }

    /// <summary>Parses NAME=VALUE pairs; values become bool, number or string. --commission, when given, is merged in.</summary>
    public static Dictionary<string, object?> ParseParameters(IEnumerable<string>? pairs, double? commission)
    {
        var result = new Dictionary<string, object?>();
        foreach (string pair in pairs ?? [])
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0)
                throw new FormatException($"--param: '{pair}' is not NAME=VALUE");
            string name = pair[..eq].Trim();
            string text = pair[(eq + 1)..].Trim();
            if (!result.TryAdd(name, text == "null" ? null : ParameterAxis.ParseScalar(text)))
                throw new FormatException($"--param: '{name}' is given twice");
        }
        if (commission is { } rate)
        {
            if (result.ContainsKey("commission"))
                throw new FormatException("--commission: commission is also given as --param commission=...; give it once");
            result["commission"] = rate;
        }
        return result;
    }
}
