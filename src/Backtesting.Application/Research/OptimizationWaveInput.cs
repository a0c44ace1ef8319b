namespace Backtesting.Application.Research;

/// <summary>A wave of batches run by one sub-workflow.</summary>
public sealed record OptimizationWaveInput(OptimizationJob Job, OptimizationPlan Plan, int FirstBatch, int BatchCount);
