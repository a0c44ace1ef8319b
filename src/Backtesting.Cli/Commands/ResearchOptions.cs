using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Backtesting.Cli.Output;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Validation;

namespace Backtesting.Cli.Commands;

/// <summary>Options and output pieces shared by the research commands (walk-forward, monte-carlo, portfolio, compare).</summary>
public static class ResearchOptions
{
    public static Option<long> Seed(string description) => new("--seed") { Description = description, DefaultValueFactory = _ => 1 };

    /// <summary>Loads a file's bars within --from/--to; no bars selected is bad input.</summary>
    public static BarSeries LoadWindow(string path, DateTime? from, DateTime? to, Action<int>? parsed = null)
    {
        var bars = BarFileLoader.Load(path, parsed).Between(from, to);
        if (bars.Count == 0)
            throw new ValidationException([new ValidationError("--from/--to", null, $"select no bars of '{path}'")]);
        return bars;
    }

    /// <summary>A choice given as text, checked against the allowed names (System.CommandLine's own check would not list them as a field error).</summary>
    public static void RequireOneOf(List<ValidationError> errors, string option, string? value, IReadOnlyList<string> allowed)
    {
        if (value is null || !allowed.Contains(value))
            errors.Add(new ValidationError(option, $"'{value}'", $"is not allowed; expected one of {string.Join(", ", allowed)}"));
    }

    /// <summary>Every metric by name (null where undefined), as in the run command.</summary>
    public static JsonObject Metrics(PerformanceMetrics metrics) => JsonOutput.Metrics(metrics);

    public static JsonObject Timing(double loadMs, double warmupMs, double engineMs)
    {
        var timing = JsonOutput.Timing(loadMs, engineMs);
        timing["warmup_ms"] = Math.Round(warmupMs, 3);
        return timing;
    }

    /// <summary>A finite double for JSON, or null.</summary>
    public static JsonNode? Number(double? value) => value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;

    public static string Iso(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    /// <summary>NAME=VALUE split at the first '='.</summary>
    public static (string Name, string Value) SplitPair(string option, string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new FormatException($"{option}: '{text}' is not NAME=VALUE");
        return (text[..eq].Trim(), text[(eq + 1)..].Trim());
    }
}
