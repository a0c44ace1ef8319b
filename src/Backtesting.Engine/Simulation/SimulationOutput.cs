namespace Backtesting.Engine.Simulation;

/// <summary>The raw outcome of a simulation: equity at every close, closed trades, the open trade if any, final state.</summary>
public sealed record SimulationOutput(double[] Equity, IReadOnlyList<Trade> ClosedTrades, Trade? OpenTrade, SimulatorState FinalState);
