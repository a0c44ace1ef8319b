using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Research;

/// <summary>A research run's outcome: its summary, and the backtest that stands for it (curve and trades), if any.</summary>
public sealed record ResearchOutcome(ResearchSummary Summary, BacktestResult? Representative);
