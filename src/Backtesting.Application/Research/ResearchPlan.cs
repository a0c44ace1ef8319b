namespace Backtesting.Application.Research;

/// <summary>Units of work (grid cells, windows, paths, candidates) split into batches [start, start + count), one activity each.</summary>
public sealed record ResearchPlan(int Units, int BatchSize, bool Cancelled = false)
{
    /// <summary>The plan of a run cancelled before it started.</summary>
    public static ResearchPlan CancelledBeforeStart { get; } = new(0, 1, Cancelled: true);

    public int Batches => Units == 0 ? 0 : (Units + BatchSize - 1) / BatchSize;

    public (int Start, int Count) Batch(int index) => (index * BatchSize, Math.Min(BatchSize, Units - index * BatchSize));
}
