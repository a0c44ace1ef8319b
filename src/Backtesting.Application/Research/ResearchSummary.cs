using System.Text.Json.Nodes;
using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Research;

/// <summary>A research run's outcome: the summary stored as its result's metrics JSON, and the backtest that stands for it (curve and trades), if any.</summary>
public sealed record ResearchSummary(JsonObject Json, BacktestResult? Representative);
