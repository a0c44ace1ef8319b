using Backtesting.Application.Views;

namespace Backtesting.Application.Research;

/// <summary>A walk-forward analysis' summary: the stitched out-of-sample run and every window.</summary>
public sealed record WalkForwardSummary : ResearchSummary
{
    /// <summary>The metric each in-sample grid is ranked by.</summary>
    public string Objective { get; init; } = "";

    /// <summary>True when a larger objective ranks first.</summary>
    public bool Maximize { get; init; }

    /// <summary>"rolling" or "anchored".</summary>
    public string Mode { get; init; } = "";

    /// <summary>The in-sample length as requested: a bar count ("500") or a span ("730d").</summary>
    public string InSample { get; init; } = "";

    /// <summary>The out-of-sample length as requested.</summary>
    public string OutOfSample { get; init; } = "";

    /// <summary>Windows analysed.</summary>
    public int Windows { get; init; }

    /// <summary>Bars of the stitched out-of-sample run.</summary>
    public int OutOfSampleBars { get; init; }

    /// <summary>Annualized out-of-sample return over annualized in-sample return; null when undefined.</summary>
    public double? WalkForwardEfficiency { get; init; }

    /// <summary>Metrics of the stitched out-of-sample run.</summary>
    public MetricValues OutOfSampleMetrics { get; init; } = [];

    /// <summary>Every window in order.</summary>
    public IReadOnlyList<WalkForwardWindowView> WindowResults { get; init; } = [];

    /// <summary>The blob of the window table (every window with its full metrics).</summary>
    public string WindowsBlob { get; init; } = "";
}
