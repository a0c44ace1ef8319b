namespace Backtesting.Application.Research;

/// <summary>A batch's cells went to <see cref="Blob"/>; only counts travel back (Durable payload limits).</summary>
public sealed record CellBatchOutcome(int Batch, string Blob, int Evaluated, int Skipped, bool Cancelled = false);
