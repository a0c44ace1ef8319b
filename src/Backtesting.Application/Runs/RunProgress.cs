namespace Backtesting.Application.Runs;

/// <summary>A progress report: percent done, the bar date reached and trades executed so far.</summary>
public sealed record RunProgress(string RunId, double Progress, DateTime? CurrentDate, int TradesExecuted);
