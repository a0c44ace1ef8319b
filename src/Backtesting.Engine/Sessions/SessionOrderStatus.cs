namespace Backtesting.Engine.Sessions;

/// <summary>The life of a session order.</summary>
public enum SessionOrderStatus
{
    Working,
    Filled,
    Cancelled,

    /// <summary>Could not fill when it triggered (cash or short cover); the reason is on the order.</summary>
    Rejected,
}
