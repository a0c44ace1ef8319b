namespace Backtesting.Application.Research;

/// <summary>A batch's results went to <see cref="Blob"/>; only the count travels back (Durable payload limits).</summary>
public sealed record ResearchBatchOutcome(int Batch, string Blob, int Done, bool Cancelled = false);
