namespace Backtesting.Application.Events;

/// <summary>
/// A message for live listeners, in the platform's shape: {"type": ..., "data": {...}}. Runs publish backtest_progress and
/// backtest_complete under their run id; trading sessions publish session_fill, session_bar and session_closed under their
/// session id (<see cref="RunId"/> is the id listeners subscribe to).
/// </summary>
public sealed record RunEvent(string Type, string RunId, string UserId, object Data)
{
    public const string Progress = "backtest_progress";
    public const string Complete = "backtest_complete";
    public const string SessionBar = "session_bar";
    public const string SessionFill = "session_fill";
    public const string SessionClosed = "session_closed";

    /// <summary>True for the last event of a run or a session.</summary>
    public bool IsFinal => Type is Complete or SessionClosed;
}
