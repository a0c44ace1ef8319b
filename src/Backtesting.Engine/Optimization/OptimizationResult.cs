namespace Backtesting.Engine.Optimization;

/// <summary>Every cell in grid order, the best evaluated one by the objective (null if all were skipped), and counts.</summary>
public sealed record OptimizationResult(IReadOnlyList<OptimizationCell> Cells, OptimizationCell? Best, string Objective, bool Maximize)
{
    public int Evaluated => Cells.Count(c => !c.Skipped);
    public int Skipped => Cells.Count(c => c.Skipped);

    /// <summary>The best <paramref name="n"/> evaluated cells, best first.</summary>
    public IReadOnlyList<OptimizationCell> Top(int n) => GridOptimizer.Rank(Cells, Objective, Maximize).Take(n).ToArray();
}
