using System.Text.Json;

namespace Backtesting.Application.Research;

/// <summary>
/// POST /api/walk-forward and run_walk_forward: optimize the grid on each in-sample window, trade the
/// winner on the following out-of-sample window, and stitch the out-of-sample results (definitions: README, "Research results").
/// </summary>
public sealed record WalkForwardApiRequest : ResearchRequestBase
{
    /// <summary>Axes as for an optimization: lists, {"start", "stop", "step"} or "start:stop:step".</summary>
    public Dictionary<string, JsonElement>? Grid { get; init; }

    /// <summary>Metric the in-sample search optimizes (default sharpe_ratio).</summary>
    public string? Objective { get; init; }

    /// <summary>Null: the metric's natural direction.</summary>
    public bool? Maximize { get; init; }

    /// <summary>In-sample length: a bar count (500) or a time span with a unit m, h, d or w ("730d").</summary>
    public JsonElement? InSample { get; init; }

    /// <summary>Out-of-sample length, as <c>in_sample</c>.</summary>
    public JsonElement? OutOfSample { get; init; }

    /// <summary>"rolling" (default): a fixed in-sample length slides along; "anchored": every in-sample window starts at the first bar.</summary>
    public string? Mode { get; init; }

    /// <summary>In-sample random search: cells drawn per window, with <c>seed</c>.</summary>
    public int? RandomSamples { get; init; }
    public long? Seed { get; init; }

    /// <summary>Windows per activity, 1 to 500 (default 1; results do not depend on it).</summary>
    public int? BatchSize { get; init; }
}
