namespace Backtesting.Application.Research;

/// <summary>One batch of a research run: units [start, start + count).</summary>
public sealed record ResearchBatchInput(string RunId, int Batch, int Start, int Count);
