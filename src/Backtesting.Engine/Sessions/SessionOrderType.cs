namespace Backtesting.Engine.Sessions;

/// <summary>How a session order fills (DESIGN.md section 10).</summary>
public enum SessionOrderType
{
    /// <summary>At the next bar's open.</summary>
    Market,

    /// <summary>Buy at or below the limit, sell at or above it.</summary>
    Limit,

    /// <summary>Becomes a market order once the stop trades (buy at or above, sell at or below).</summary>
    Stop,

    /// <summary>Becomes a limit order once the stop trades.</summary>
    StopLimit,
}
