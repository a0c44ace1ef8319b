using Backtesting.Engine.Simulation;

namespace Backtesting.Engine.Sessions;

/// <summary>
/// Everything a session is between requests, as plain data (stored as one document with a version): the clock,
/// cash, the position, the order book, fills, closed trades and the equity at the close of every bar since the start.
/// Bar indexes refer to the session's bar series (warm-up bars included).
/// </summary>
public sealed class SessionState
{
    /// <summary>The bar at whose close the session started (after the warm-up bars).</summary>
    public int StartBar { get; set; }

    public int CurrentBar { get; set; }
    public double Cash { get; set; }
    public double Units { get; set; }
    public int EntryBar { get; set; } = -1;
    public double EntryPrice { get; set; }
    public double EntryFee { get; set; }

    /// <summary>Pnl realised by partial reductions of the open position.</summary>
    public double PositionRealizedPnl { get; set; }

    public double TotalFees { get; set; }
    public int BarsInMarket { get; set; }
    public int NextOrderNumber { get; set; } = 1;
    public List<SessionOrder> Orders { get; set; } = [];
    public List<SessionFill> Fills { get; set; } = [];
    public List<Trade> ClosedTrades { get; set; } = [];

    /// <summary>Equity at the close of bars StartBar..CurrentBar.</summary>
    public List<double> Equity { get; set; } = [];
}
