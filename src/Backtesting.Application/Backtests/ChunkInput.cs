using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Backtests;

/// <summary>One chunk of a backtest: bars [FromBar, ToBar) continuing from <see cref="State"/>.</summary>
public sealed record ChunkInput(BacktestJob Job, int ChunkIndex, int ChunkCount, int FromBar, int ToBar, int BarCount, SimulatorState State);
