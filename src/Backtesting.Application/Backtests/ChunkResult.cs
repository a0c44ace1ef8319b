using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Backtests;

/// <summary>What a chunk simulated: the equity of each of its bars and the trades it closed.</summary>
public sealed record ChunkResult(double[] Equity, List<Trade> Trades);
