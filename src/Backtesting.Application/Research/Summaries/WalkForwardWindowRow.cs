using System.Text.Json.Serialization;
using Backtesting.Application.Views;
using Backtesting.Engine.Data;
using Backtesting.Engine.WalkForward;

namespace Backtesting.Application.Research;

/// <summary>A row of a walk-forward run's window table (its blob): the window as the summary shows it, with every metric in and out of sample.</summary>
public sealed record WalkForwardWindowRow : WalkForwardWindowView
{
    /// <summary>The best in-sample cell's metrics; null when no cell could be evaluated.</summary>
    [JsonPropertyOrder(1)]
    public MetricValues? InSampleMetrics { get; init; }

    [JsonPropertyOrder(1)]
    public MetricValues OutOfSampleMetrics { get; init; } = [];

    private WalkForwardWindowRow(WalkForwardWindowView window) : base(window)
    {
    }

    public static WalkForwardWindowRow Of(BarSeries bars, string objective, WalkForwardWindowResult w) => new(From(bars, objective, w))
    {
        InSampleMetrics = w.InSampleMetrics is null ? null : MetricValues.Of(w.InSampleMetrics),
        OutOfSampleMetrics = MetricValues.Of(w.OutOfSampleMetrics),
    };
}
