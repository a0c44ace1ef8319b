using System.Text.Json.Serialization;

namespace Backtesting.Application.Research;

/// <summary>GET /api/optimizations/{id}/cells: one page of the full cell table in grid order (no cell before the run has completed).</summary>
public sealed record OptimizationCellsPage
{
    public required string BacktestId { get; init; }
    public required string Status { get; init; }
    public required IReadOnlyList<OptimizationCellView> Items { get; init; }

    /// <summary>Cells of the whole table (0 until completed).</summary>
    public required int Total { get; init; }

    /// <summary>Index of the first cell on this page; absent until completed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Offset { get; init; }

    /// <summary>Page size asked for; absent until completed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Limit { get; init; }
}
