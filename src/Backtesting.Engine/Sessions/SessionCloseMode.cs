namespace Backtesting.Engine.Sessions;

/// <summary>Where closing a session closes its position.</summary>
public enum SessionCloseMode
{
    /// <summary>At the next bar's open (the default; at the last bar the position stays open, as at the end of a backtest).</summary>
    NextOpen,

    /// <summary>At the current bar's close.</summary>
    Close,
}
