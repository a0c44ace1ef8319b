using System.Runtime.CompilerServices;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>Keeps every closed trade as a value in a chunk's pooled trade buffer (<see cref="ChunkRecording"/>: chunks handed over through blobs).</summary>
internal readonly struct ChunkTradeRecorder(ChunkRecording chunk) : ITradeRecorder
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Closed(in PositionBook position, int exitBar, double exitPrice, double exitFee, double pnl, ExitReason reason) =>
        chunk.Add(ClosedTradeRecord.Of(in position, exitBar, exitPrice, exitFee, pnl, reason));
}
