using System.Globalization;
using System.Text.Json;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.Research;

/// <summary>Field checks every research submission shares; each adds its problem to the list and returns a usable value.</summary>
public static class ResearchRequestChecks
{
    /// <summary>A missing body is the only error worth reporting: nothing else can be checked.</summary>
    public static T Body<T>(T? request, string fields) where T : class =>
        request ?? throw new ValidationException([new ValidationError("body", null, $"is required: a JSON object with {fields}")]);

    /// <summary>The grid's axes; a bad axis is reported under grid.NAME with the reason.</summary>
    public static List<ParameterAxis> Grid(Dictionary<string, JsonElement>? grid, List<ValidationError> errors)
    {
        var axes = new List<ParameterAxis>();
        if (grid is null || grid.Count == 0)
            errors.Add(new ValidationError("grid", null, "is required: {\"fast_period\": {\"start\": 5, \"stop\": 50, \"step\": 5}, \"slow_period\": [20, 40]}"));
        foreach (var (name, spec) in grid ?? [])
        {
            try
            {
                axes.Add(GridAxes.Parse(name, spec));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
            {
                errors.Add(new ValidationError($"grid.{name}", spec.GetRawText(), ex.Message.Split(" (Parameter")[0]));
            }
        }
        return axes;
    }

    /// <summary>
    /// Adds the engine's own checks of a request, except on fields already reported: the same bad value
    /// should not be named twice (e.g. initial_capital, or a grid none of whose axes could be read).
    /// </summary>
    public static void AddEngineErrors(List<ValidationError> errors, IEnumerable<ValidationError> engineErrors)
    {
        var reported = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(engineErrors.Where(e => !reported.Contains(e.Field)));
    }

    /// <summary>An optional integer in [min, max], or its default.</summary>
    public static int Range(string field, int? value, int fallback, int min, int max, List<ValidationError> errors)
    {
        int v = value ?? fallback;
        if (v < min || v > max) errors.Add(new ValidationError(field, v.ToString(CultureInfo.InvariantCulture), $"must be in [{min}, {max}]"));
        return v;
    }

    /// <summary>An optional metric name (the contract's names), or its default.</summary>
    public static string Metric(string field, string? value, List<ValidationError> errors)
    {
        string v = value ?? MetricNames.SharpeRatio;
        if (!MetricNames.IsKnown(v)) errors.Add(new ValidationError(field, $"'{v}'", $"is not a metric; allowed: {string.Join(", ", MetricNames.All)}"));
        return v;
    }

    /// <summary>An optional name from a fixed list, or its default.</summary>
    public static string OneOf(string field, string? value, string fallback, IReadOnlyList<string> allowed, List<ValidationError> errors)
    {
        string v = value ?? fallback;
        if (!allowed.Contains(v)) errors.Add(new ValidationError(field, $"'{v}'", $"must be one of {string.Join(", ", allowed)}"));
        return v;
    }
}
