using System.Text.Json;
using System.Text.Json.Serialization;
using Backtesting.Application.Views;
using Backtesting.Engine.Optimization;

namespace Backtesting.Application.Research;

/// <summary>
/// A grid cell: {index, params, metrics} when evaluated, {index, params, skipped, errors} when its parameters were invalid;
/// a cell with fewer closed trades than the run's min_trades also carries below_min_trades: true (it ranks after the others).
/// </summary>
public sealed record OptimizationCellView
{
    /// <summary>The cell's place in grid order.</summary>
    public int Index { get; init; }

    /// <summary>The cell's parameters (fixed ones and the grid's).</summary>
    public IReadOnlyDictionary<string, JsonElement> Params { get; init; } = ResearchJson.NoParameters;

    /// <summary>True when the cell has fewer closed trades than min_trades; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? BelowMinTrades { get; init; }

    /// <summary>The cell's metrics; absent for a skipped cell.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetricValues? Metrics { get; init; }

    /// <summary>True for a cell whose parameters were invalid; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Skipped { get; init; }

    /// <summary>Why a skipped cell's parameters were invalid; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Errors { get; init; }

    public static OptimizationCellView From(OptimizationCell cell) => new()
    {
        Index = cell.Index,
        Params = ResearchJson.Parameters(cell.Parameters),
        BelowMinTrades = cell.BelowMinTrades ? true : null,
        Metrics = cell.Metrics is { } m ? MetricValues.Of(m) : null,
        Skipped = cell.Metrics is null ? true : null,
        Errors = cell.Metrics is null ? cell.Errors!.Select(e => e.ToString()).ToArray() : null,
    };
}
