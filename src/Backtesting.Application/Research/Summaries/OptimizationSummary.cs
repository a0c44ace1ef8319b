using System.Text.Json.Serialization;

namespace Backtesting.Application.Research;

/// <summary>An optimization's summary: the grid's size, the best cell and the top cells by the objective.</summary>
public sealed record OptimizationSummary : ResearchSummary
{
    /// <summary>The metric cells are ranked by.</summary>
    public string Objective { get; init; } = "";

    /// <summary>True when a larger objective ranks first.</summary>
    public bool Maximize { get; init; }

    /// <summary>Cells of the grid (or random samples).</summary>
    public int Cells { get; init; }

    /// <summary>Cells that ran.</summary>
    public int Evaluated { get; init; }

    /// <summary>Cells whose parameters were invalid (e.g. fast_period not below slow_period).</summary>
    public int Skipped { get; init; }

    /// <summary>Closed trades a cell needs to rank with the others; absent in summaries stored before it existed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MinTrades { get; init; }

    /// <summary>Evaluated cells with fewer closed trades than min_trades (ranked last); absent in summaries stored before min_trades existed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? BelowMinTrades { get; init; }

    /// <summary>The best cell; null when no cell could be evaluated.</summary>
    public OptimizationCellView? Best { get; init; }

    /// <summary>The top cells, best first (top_n of the request).</summary>
    public IReadOnlyList<OptimizationCellView> Top { get; init; } = [];

    /// <summary>Runs completed before the cell table was paged: the blob of the whole table (GET .../cells reads it).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CellsBlob { get; init; }
}
