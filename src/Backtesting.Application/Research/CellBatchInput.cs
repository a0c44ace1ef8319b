namespace Backtesting.Application.Research;

/// <summary>One batch of grid cells to evaluate.</summary>
public sealed record CellBatchInput(OptimizationJob Job, int Batch, int Start, int Count);
