namespace Backtesting.Engine.Optimization;

/// <summary>Every cell in grid order, the best evaluated one by the objective (null if all were skipped), and counts.</summary>
public sealed record OptimizationResult(IReadOnlyList<OptimizationCell> Cells, OptimizationCell? Best, string Objective, bool Maximize)
{
    public int Evaluated => Cells.Count(c => !c.Skipped);
    public int Skipped => Cells.Count(c => c.Skipped);

    /// <summary>The request's minimum of closed trades (0: none); cells below it rank last.</summary>
    public int MinTrades { get; init; }

    /// <summary>Evaluated cells with fewer closed trades than <see cref="MinTrades"/>.</summary>
    public int BelowMinTrades => Cells.Count(IsBelowMinTrades);

    /// <summary>Whether an evaluated cell has fewer closed trades than <see cref="MinTrades"/> (so it ranks last).</summary>
    public bool IsBelowMinTrades(OptimizationCell cell) => GridOptimizer.IsBelowMinTrades(cell, MinTrades);

    /// <summary>The best <paramref name="n"/> evaluated cells, best first.</summary>
    public IReadOnlyList<OptimizationCell> Top(int n) => GridOptimizer.Rank(Cells, Objective, Maximize, MinTrades).Take(n).ToArray();
}
