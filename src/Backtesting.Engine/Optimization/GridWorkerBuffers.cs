using System.Collections.Concurrent;
using Backtesting.Engine.Simulation;

namespace Backtesting.Engine.Optimization;

/// <summary>
/// A grid worker's buffers: the simulation workspace and one signal array per batch slot (the first is the
/// workspace's). Kept for the next grid of the same shape, since fresh series-sized arrays cost a grid more than
/// its arithmetic on them (mapping pages in, gen 2 collections); within a grid a worker already reuses them
/// cell after cell, so every kernel writes each bar of its signals and the simulation each bar of the equity.
/// </summary>
internal sealed class GridWorkerBuffers
{
    /// <summary>Sets kept at most (two cores' workers and a spare per core; more workers allocate).</summary>
    private const int MaxKept = 4;

    /// <summary>Bytes the kept sets may hold together (a 1M-bar grid's set is ~12 MB: two are kept).</summary>
    private const long MaxKeptBytes = 32L << 20;

    private static readonly ConcurrentBag<GridWorkerBuffers> Free = [];

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
        // a kept set of another shape is left to the collector: grids in one process mostly share their shape
        if (Free.TryTake(out var kept) && kept.Workspace.Equity.Length == bars && kept.Signals.Length == Math.Max(1, width))
            return kept;
        return new GridWorkerBuffers(bars, width);
    }

    /// <summary>Keeps <paramref name="buffers"/> for the next grid (its worker is done with them) unless enough are kept.</summary>
    public static void Return(GridWorkerBuffers buffers)
    {
        int kept = Free.Count;
        if (kept < MaxKept && (kept + 1) * buffers.Bytes <= MaxKeptBytes) Free.Add(buffers);
    }

    /// <summary>The set's size: the equity curve and the signal arrays.</summary>
    private long Bytes => (long)Workspace.Equity.Length * (sizeof(double) + Signals.Length);
}
