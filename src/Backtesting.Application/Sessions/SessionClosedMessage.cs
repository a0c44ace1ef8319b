namespace Backtesting.Application.Sessions;

/// <summary>The data of a <c>session_closed</c> event, a session's last: the completed run of kind backtrading_session it became.</summary>
public sealed record SessionClosedMessage(string SessionId, string RunId, string Status);
