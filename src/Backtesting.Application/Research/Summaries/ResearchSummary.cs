using System.Text.Json;
using System.Text.Json.Serialization;
using Backtesting.Application.Json;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;

namespace Backtesting.Application.Research;

/// <summary>
/// A completed research run's summary, stored as its result's metrics JSON and shown under <c>summary</c>; <c>kind</c>
/// (the run's kind, always the first property) says which of the five shapes it is.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(OptimizationSummary), RunKind.Optimization)]
[JsonDerivedType(typeof(WalkForwardSummary), RunKind.WalkForward)]
[JsonDerivedType(typeof(MonteCarloSummary), RunKind.MonteCarlo)]
[JsonDerivedType(typeof(PortfolioSummary), RunKind.Portfolio)]
[JsonDerivedType(typeof(ComparisonSummary), RunKind.Comparison)]
public abstract record ResearchSummary
{
    /// <summary>The metrics of the run's representative backtest (best cell, stitched out-of-sample run, base backtest, portfolio, best candidate); absent when it has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyOrder(1)]
    public MetricValues? RepresentativeMetrics { get; init; }

    /// <summary>The summary stored as a result's metrics JSON; null when that JSON is a backtest's metrics (it names no research kind).</summary>
    public static ResearchSummary? Read(string storedJson)
    {
        using (var document = JsonDocument.Parse(storedJson))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("kind", out var kind)
                || kind.ValueKind != JsonValueKind.String || !Kinds.Contains(kind.GetString()!))
                return null;
        }
        return JsonSerializer.Deserialize<ResearchSummary>(storedJson, ReadOptions);
    }

    /// <summary>
    /// A stored result's metrics JSON as the API shows it: a backtest's metrics, or a research run's representative
    /// backtest's metrics and the job's summary (stored together: the summary carries them as representative_metrics).
    /// </summary>
    public static (MetricValues? Metrics, ResearchSummary? Summary) Split(string storedJson) =>
        Read(storedJson) is { } summary ? (summary.RepresentativeMetrics, summary) : (WorkflowJson.Deserialize<MetricValues>(storedJson), null);

    /// <summary>The wire options, reading <c>kind</c> wherever it stands: PostgreSQL's jsonb keeps keys in its own order.</summary>
    private static readonly JsonSerializerOptions ReadOptions = new(WorkflowJson.Options) { AllowOutOfOrderMetadataProperties = true };

    private static readonly HashSet<string> Kinds = [RunKind.Optimization, RunKind.WalkForward, RunKind.MonteCarlo, RunKind.Portfolio, RunKind.Comparison];
}
