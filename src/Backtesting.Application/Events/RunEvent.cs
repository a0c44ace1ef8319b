namespace Backtesting.Application.Events;

/// <summary>
/// A message for live listeners, in the platform's shape: {"type": "backtest_progress" | "backtest_complete", "data": {...}}.
/// </summary>
public sealed record RunEvent(string Type, string RunId, string UserId, object Data)
{
    public const string Progress = "backtest_progress";
    public const string Complete = "backtest_complete";

    /// <summary>True for the last event of a run.</summary>
    public bool IsFinal => Type == Complete;
}
