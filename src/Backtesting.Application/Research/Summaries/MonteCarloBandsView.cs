using System.Text.Json;
using System.Text.Json.Serialization;
using Backtesting.Application.Json;
using Backtesting.Engine.MonteCarlo;

namespace Backtesting.Application.Research;

/// <summary>
/// The fan chart of a Monte Carlo study: the steps (trades for trade methods, 0 = before the first; bars for price
/// paths, with their times), then one array of equity per percentile level (p5, p50, ...), a value per step.
/// </summary>
public sealed record MonteCarloBandsView
{
    /// <summary>"trade" or "bar": what a step is.</summary>
    public string Axis { get; init; } = "";

    public IReadOnlyList<int> Steps { get; init; } = [];

    /// <summary>Bar times of the steps (ISO 8601 UTC); absent on the trade axis.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Timestamps { get; init; }

    /// <summary>Equity at each step by percentile level: p5, p50, ... (numbers or null).</summary>
    [JsonExtensionData]
    [ExtensionValues(typeof(IReadOnlyList<double?>))]
    // set, not init: generated contracts (BacktestRunJsonContext) pass init-only members to the constructor, where extension data cannot bind
    public Dictionary<string, JsonElement> Levels { get; set; } = [];

    public static MonteCarloBandsView Of(MonteCarloResult result) => new()
    {
        Axis = result.Bands.Timestamps is null ? "trade" : "bar",
        Steps = result.Bands.Steps,
        Timestamps = result.Bands.Timestamps?.Select(ResearchJson.Time).ToArray(),
        Levels = ResearchJson.Levels(result.Levels, k => JsonSerializer.SerializeToElement(ResearchJson.Numbers(result.Bands.Values[k]))),
    };
}
