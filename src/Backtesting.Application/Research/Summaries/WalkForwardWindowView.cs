using System.Text.Json;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.WalkForward;

namespace Backtesting.Application.Research;

/// <summary>A walk-forward window: its bar ranges, the parameters chosen in sample, the objective in and out of sample.</summary>
public record WalkForwardWindowView
{
    public int Index { get; init; }

    /// <summary>The in-sample bars (the grid is searched on them).</summary>
    public BarRangeView InSample { get; init; } = BarRangeView.None;

    /// <summary>The out-of-sample bars (traded with the chosen parameters).</summary>
    public BarRangeView OutOfSample { get; init; } = BarRangeView.None;

    /// <summary>The parameters of the best in-sample cell; null when no cell could be evaluated.</summary>
    public IReadOnlyDictionary<string, JsonElement>? BestParams { get; init; }

    /// <summary>The objective of the best in-sample cell; null when undefined.</summary>
    public double? InSampleObjective { get; init; }

    /// <summary>The objective out of sample; null when undefined.</summary>
    public double? OutOfSampleObjective { get; init; }

    public double? OutOfSampleReturn { get; init; }

    /// <summary>Closed trades out of sample.</summary>
    public int OutOfSampleTrades { get; init; }

    /// <summary>Annualized out-of-sample return over annualized in-sample return; null when undefined.</summary>
    public double? Efficiency { get; init; }

    /// <summary>In-sample cells evaluated.</summary>
    public int Evaluated { get; init; }

    /// <summary>In-sample cells skipped (invalid parameters).</summary>
    public int Skipped { get; init; }

    /// <summary>Why no cell could be chosen; null when one was.</summary>
    public IReadOnlyList<string>? Problems { get; init; }

    public static WalkForwardWindowView From(BarSeries bars, string objective, WalkForwardWindowResult w) => new()
    {
        Index = w.Window.Index,
        InSample = BarRangeView.Of(bars, w.Window.InSampleStart, w.Window.InSampleEnd),
        OutOfSample = BarRangeView.Of(bars, w.Window.OutOfSampleStart, w.Window.OutOfSampleEnd),
        BestParams = w.BestParameters is null ? null : ResearchJson.Parameters(w.BestParameters),
        InSampleObjective = w.InSampleMetrics is null ? null : ResearchJson.Finite(MetricNames.Read(w.InSampleMetrics, objective)),
        OutOfSampleObjective = ResearchJson.Finite(MetricNames.Read(w.OutOfSampleMetrics, objective)),
        OutOfSampleReturn = ResearchJson.Finite(w.OutOfSampleMetrics.TotalReturn),
        OutOfSampleTrades = w.OutOfSampleMetrics.TotalTrades,
        Efficiency = ResearchJson.Finite(w.Efficiency),
        Evaluated = w.EvaluatedCells,
        Skipped = w.SkippedCells,
        Problems = w.Problems?.Select(p => p.ToString()).ToArray(),
    };
}
