namespace Backtesting.Application.Backtests;

/// <summary>How a backtest's chunk activities hand their equity and trades to its finalization.</summary>
public sealed class ChunkHandOverOptions
{
    /// <summary>
    /// True where every activity of a run executes in this process (the in-process runner): the chunks record into
    /// one <see cref="Engine.Simulation.RunRecording"/> of the run (<see cref="BacktestInputsCache.TakeRecording"/>), and
    /// a finalization that finds it missing or incomplete (a restart between the activities) simulates the run again,
    /// the same numbers for any chunking. False (Durable workers, whose activities may run on different machines):
    /// each chunk stores its equity and trades as blobs (<see cref="ChunkBlobs"/>), which the finalization decodes into
    /// one <see cref="Engine.Simulation.RunRecording"/> of the run and finishes as the in-process hand-over does.
    /// </summary>
    public bool InProcess { get; set; }
}
