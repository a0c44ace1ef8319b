using System.Text.Json;
using System.Text.Json.Serialization;
using Backtesting.Application.Json;
using Backtesting.Engine.MonteCarlo;

namespace Backtesting.Application.Research;

/// <summary>
/// One metric's distribution over the paths: count, mean, std, min, max, the base backtest's value, one property per
/// percentile level (p5, p50, p97.5: numbers or null) and a histogram.
/// </summary>
public sealed record MonteCarloDistributionView
{
    /// <summary>Paths with a defined value.</summary>
    public int Count { get; init; }
    public double? Mean { get; init; }
    public double? Std { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }

    /// <summary>The metric of the base backtest on the actual bars.</summary>
    public double? Baseline { get; init; }

    /// <summary>The histogram of the values; null when they do not spread (a single value).</summary>
    public HistogramView? Histogram { get; init; }

    /// <summary>The percentiles by level: p5, p50, p97.5, ... (the summary's percentiles).</summary>
    [JsonExtensionData]
    [ExtensionValues(typeof(double?))]
    // set, not init: generated contracts (BacktestRunJsonContext) pass init-only members to the constructor, where extension data cannot bind
    public Dictionary<string, JsonElement> Levels { get; set; } = [];

    public static MonteCarloDistributionView Of(MonteCarloResult result, MetricDistribution d) => new()
    {
        Count = d.Count,
        Mean = ResearchJson.Finite(d.Mean),
        Std = ResearchJson.Finite(d.StdDev),
        Min = ResearchJson.Finite(d.Min),
        Max = ResearchJson.Finite(d.Max),
        Baseline = ResearchJson.Finite(result.BaselineValue(d.Metric)),
        Histogram = d.Histogram is { } h ? new HistogramView(ResearchJson.Numbers(h.Edges), h.Counts) : null,
        Levels = ResearchJson.Levels(result.Levels, k => JsonSerializer.SerializeToElement(ResearchJson.Finite(d.Percentiles[k]))),
    };
}
