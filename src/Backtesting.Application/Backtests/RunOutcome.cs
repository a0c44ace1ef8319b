namespace Backtesting.Application.Backtests;

/// <summary>A workflow's small return value: run id, final status and a headline figure.</summary>
public sealed record RunOutcome(string RunId, string Status, double? FinalCapital = null, int? TotalTrades = null, string? Error = null);
