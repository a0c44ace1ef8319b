using Backtesting.Engine.Metrics;

namespace Backtesting.Engine.Optimization;

/// <summary>
/// Where an evaluated cell ranks, as one comparable key (smaller is better): cells with at least the minimum of closed
/// trades first, then defined objective values before undefined ones, then by the objective, then by index (so ties
/// keep grid order and no two cells rank equal). The one ranking rule of <see cref="GridOptimizer.Rank"/> and <see cref="TopCells"/>.
/// </summary>
public readonly record struct CellRank(int Group, double Value, int Index) : IComparable<CellRank>
{
    /// <summary>The key of an evaluated cell.</summary>
    public static CellRank Of(OptimizationCell cell, string objective, bool maximize, int minTrades)
    {
        double? value = MetricNames.Read(cell.Metrics!, objective) is { } v && !double.IsNaN(v) ? v : null;
        int group = (GridOptimizer.IsBelowMinTrades(cell, minTrades) ? 2 : 0) + (value is null ? 1 : 0);
        return new CellRank(group, value is { } x ? (maximize ? -x : x) : 0, cell.Index);
    }

    public int CompareTo(CellRank other)
    {
        int byGroup = Group.CompareTo(other.Group);
        if (byGroup != 0) return byGroup;
        int byValue = Value.CompareTo(other.Value);
        return byValue != 0 ? byValue : Index.CompareTo(other.Index);
    }
}
