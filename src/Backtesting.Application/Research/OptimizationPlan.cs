namespace Backtesting.Application.Research;

/// <summary>Cells to evaluate, split into batches [start, start + count).</summary>
public sealed record OptimizationPlan(int Cells, int BatchSize, bool Cancelled = false)
{
    public int Batches => Cells == 0 ? 0 : (Cells + BatchSize - 1) / BatchSize;

    public (int Start, int Count) Batch(int index) => (index * BatchSize, Math.Min(BatchSize, Cells - index * BatchSize));
}
