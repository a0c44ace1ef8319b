using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Backtests;

/// <summary>Input of the last activity: the job, its plan and the final simulator state.</summary>
public sealed record FinalizeInput(BacktestJob Job, BacktestPlan Plan, SimulatorState State);
