namespace Backtesting.Engine.Optimization;

/// <summary>
/// The best cells of a stream of evaluated cells, holding at most <see cref="Capacity"/> of them whatever the stream's
/// length (a million-cell random search ranks in constant memory), plus the counts a result reports. Fed the cells of
/// any split in any order it keeps exactly <see cref="GridOptimizer.Rank"/>'s first <see cref="Capacity"/>.
/// </summary>
public sealed class TopCells
{
    private readonly List<(CellRank Rank, OptimizationCell Cell)> _best;
    private readonly string _objective;
    private readonly bool _maximize;
    private readonly int _minTrades;

    public TopCells(int capacity, string objective, bool maximize, int minTrades = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        (_objective, _maximize, _minTrades) = (objective, maximize, minTrades);
        _best = new List<(CellRank, OptimizationCell)>(capacity + 1);
    }

    public int Capacity { get; }

    /// <summary>Cells seen, evaluated or skipped.</summary>
    public int Cells { get; private set; }

    public int Evaluated { get; private set; }

    public int Skipped => Cells - Evaluated;

    /// <summary>Evaluated cells with fewer closed trades than the minimum.</summary>
    public int BelowMinTrades { get; private set; }

    /// <summary>Cells held now (never more than <see cref="Capacity"/>).</summary>
    public int Held => _best.Count;

    /// <summary>The best cell so far, or null when none was evaluated.</summary>
    public OptimizationCell? Best => _best.Count > 0 ? _best[0].Cell : null;

    /// <summary>The best cells so far, best first.</summary>
    public IReadOnlyList<OptimizationCell> Top => [.. _best.Select(b => b.Cell)];

    public void Add(OptimizationCell cell)
    {
        Cells++;
        if (cell.Skipped) return;
        Evaluated++;
        if (GridOptimizer.IsBelowMinTrades(cell, _minTrades)) BelowMinTrades++;
        var rank = CellRank.Of(cell, _objective, _maximize, _minTrades);
        if (_best.Count == Capacity && rank.CompareTo(_best[^1].Rank) >= 0) return;
        int at = _best.FindIndex(b => rank.CompareTo(b.Rank) < 0);
        _best.Insert(at < 0 ? _best.Count : at, (rank, cell));
        if (_best.Count > Capacity) _best.RemoveAt(Capacity);
    }
}
