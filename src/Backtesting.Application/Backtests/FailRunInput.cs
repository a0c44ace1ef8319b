namespace Backtesting.Application.Backtests;

/// <summary>Marks a run failed with a message for the caller.</summary>
public sealed record FailRunInput(string RunId, string UserId, string Error);
