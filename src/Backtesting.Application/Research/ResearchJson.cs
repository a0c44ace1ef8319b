using System.Globalization;
using System.Text.Json.Nodes;

namespace Backtesting.Application.Research;

/// <summary>Small JSON pieces of the research summaries.</summary>
public static class ResearchJson
{
    /// <summary>A finite number, or null (JSON has no NaN or infinity).</summary>
    public static JsonNode? Number(double? value) => value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;

    /// <summary>A bar time (UTC ticks) as ISO 8601, as the API writes trade dates.</summary>
    public static string Time(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The key of a percentile level: p5, p50, p97.5.</summary>
    public static string Level(double level) => "p" + level.ToString(CultureInfo.InvariantCulture);

    public static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => Number(v)).ToArray());

    public static JsonArray Integers(IEnumerable<long> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
