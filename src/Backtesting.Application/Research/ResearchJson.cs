using System.Globalization;
using System.Text.Json;
using Backtesting.Application.Json;

namespace Backtesting.Application.Research;

/// <summary>Small value conversions of the research summaries.</summary>
public static class ResearchJson
{
    /// <summary>Parameters of a cell, window, asset or candidate with none.</summary>
    public static IReadOnlyDictionary<string, JsonElement> NoParameters { get; } = new Dictionary<string, JsonElement>();

    /// <summary>A finite number, or null (JSON has no NaN or infinity).</summary>
    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>Each value finite or null.</summary>
    public static IReadOnlyList<double?> Numbers(IEnumerable<double> values) => values.Select(v => Finite(v)).ToArray();

    /// <summary>A bar time (UTC ticks) as ISO 8601, as the API writes trade dates.</summary>
    public static string Time(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The key of a percentile level: p5, p50, p97.5.</summary>
    public static string Level(double level) => "p" + level.ToString(CultureInfo.InvariantCulture);

    /// <summary>One entry per percentile level, keyed p5, p50, ...: the value of level k.</summary>
    public static Dictionary<string, JsonElement> Levels(IReadOnlyList<double> levels, Func<int, JsonElement> valueOf)
    {
        var byLevel = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        for (int k = 0; k < levels.Count; k++) byLevel[Level(levels[k])] = valueOf(k);
        return byLevel;
    }

    /// <summary>Parameters as JSON values (numbers, strings, booleans, or JSON elements read back from a blob), in their order.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Parameters(IEnumerable<KeyValuePair<string, object?>>? parameters)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters ?? [])
            values[name] = JsonSerializer.SerializeToElement(value, WorkflowJson.Options);
        return values;
    }
}
