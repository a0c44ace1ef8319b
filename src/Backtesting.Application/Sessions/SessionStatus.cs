namespace Backtesting.Application.Sessions;

/// <summary>A trading session is active until it is closed into a run.</summary>
public static class SessionStatus
{
    public const string Active = "active";
    public const string Closed = "closed";
}
