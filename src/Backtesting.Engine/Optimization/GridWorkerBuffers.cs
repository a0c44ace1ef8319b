using Backtesting.Engine.Memory;
using Backtesting.Engine.Simulation;

namespace Backtesting.Engine.Optimization;

/// <summary>
/// A grid worker's buffers: the simulation workspace and one signal array per batch slot (the first is the
/// workspace's, which the grid's simulations do not use): the slots are the signal set the worker brings to the grid's
/// <see cref="GridWork"/>, where any worker's batch may be written into it, so sets go back only when the grid is done. Kept for the next grid of the same shape, since fresh series-sized arrays cost a grid more than
/// its arithmetic on them (mapping pages in, gen 2 collections); within a grid a worker already reuses them
/// cell after cell, so every kernel writes each bar of its signals and the simulation each bar of the equity.
/// </summary>
internal sealed class GridWorkerBuffers
{
    /// <summary>Sets kept at most (two cores' workers and a spare per core; more workers allocate).</summary>
    private const int MaxKept = 4;

    /// <summary>Bytes the kept sets may hold together (a 1M-bar grid's set is ~12 MB: two are kept).</summary>
    private const long MaxKeptBytes = 32L << 20;

    /// <summary>Kept sets (guarded by itself): shapes may differ, e.g. a warm-up's and the grid's.</summary>
    private static readonly List<GridWorkerBuffers> Free = [];

    private GridWorkerBuffers(int bars, int width)
    {
        Workspace = new BacktestWorkspace(bars);
        Signals = new sbyte[Math.Max(1, width)][];
        Signals[0] = Workspace.Signals;
        for (int k = 1; k < Signals.Length; k++) Signals[k] = new sbyte[bars];
    }

    public BacktestWorkspace Workspace { get; }

    public sbyte[][] Signals { get; }

    /// <summary>A set for <paramref name="bars"/> bars and batches of <paramref name="width"/>: a kept one of that shape, else new.</summary>
    public static GridWorkerBuffers Rent(int bars, int width)
    {
        lock (Free)
        {
            int kept = Free.FindIndex(set => set.Fits(bars, width));
            if (kept >= 0)
            {
                var set = Free[kept];
                Free.RemoveAt(kept);
                return set;
            }
        }
        return new GridWorkerBuffers(bars, width);
    }

    /// <summary>
    /// Makes <paramref name="workers"/> sets of this shape wait for <see cref="Rent"/> (as far as the kept limits go), the
    /// missing ones allocated now with their memory mapped in on every core (<see cref="HugePages.Prefault{T}"/>), as a
    /// grid's series arrays are (<c>SeriesBuffers.Reserve</c>). Kept sets of other shapes make room for them.
    /// </summary>
    public static void Reserve(int workers, int bars, int width)
    {
        int kept;
        lock (Free) kept = Free.Count(set => set.Fits(bars, width));
        var added = new GridWorkerBuffers[Math.Max(0, Math.Min(workers, MaxKept) - kept)];
        for (int k = 0; k < added.Length; k++) added[k] = new GridWorkerBuffers(bars, width);
        Parallel.For(0, added.Length, k =>
        {
            HugePages.Prefault(added[k].Workspace.Equity);
            foreach (var signals in added[k].Signals) HugePages.Prefault(signals);
        });
        lock (Free)
        {
            foreach (var set in added)
            {
                int other;
                while (!HasRoomFor(set) && (other = Free.FindIndex(kept => !kept.Fits(bars, width))) >= 0) Free.RemoveAt(other);
                if (HasRoomFor(set)) Free.Add(set);
            }
        }
    }

    /// <summary>Keeps <paramref name="buffers"/> for the next grid (its worker is done with them) unless the kept limits are reached.</summary>
    public static void Return(GridWorkerBuffers buffers)
    {
        lock (Free)
            if (HasRoomFor(buffers)) Free.Add(buffers);
    }

    /// <summary>Whether the kept sets leave room for <paramref name="set"/> (caller holds the lock).</summary>
    private static bool HasRoomFor(GridWorkerBuffers set) => Free.Count < MaxKept && Free.Sum(kept => kept.Bytes) + set.Bytes <= MaxKeptBytes;

    private bool Fits(int bars, int width) => Workspace.Equity.Length == bars && Signals.Length == Math.Max(1, width);

    /// <summary>The set's size: the equity curve and the signal arrays.</summary>
    private long Bytes => (long)Workspace.Equity.Length * (sizeof(double) + Signals.Length);
}
