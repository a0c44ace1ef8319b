using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Backtests;

/// <summary>What a chunk hands forward: the simulator state and progress; its equity and trades are left for the finalization (see <see cref="SimulateChunkActivity"/>).</summary>
public sealed record ChunkOutcome(SimulatorState State, double Progress, DateTime? CurrentDate, int TradesExecuted, bool Cancelled = false);
