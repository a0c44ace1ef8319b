namespace Backtesting.Application.Backtests;

/// <summary>How a backtest's chunk activities hand their equity and trades to its finalization.</summary>
public sealed class ChunkHandOverOptions
{
    /// <summary>
    /// True where every activity of a run executes in this process (the in-process runner): a one-chunk run hands its
    /// result over in memory (<see cref="BacktestInputsCache.KeepOnlyChunk"/>), and a finalization that misses it (a
    /// restart between the two) simulates the run again, the same numbers for any chunking. False (Durable workers,
    /// whose activities may run on different machines): through blobs, as runs of several chunks always do.
    /// </summary>
    public bool InProcess { get; set; }

    /// <summary>Whether the chunks of a run of <paramref name="chunkCount"/> chunks store their results as blobs.</summary>
    public bool ThroughBlobs(int chunkCount) => chunkCount > 1 || !InProcess;
}
