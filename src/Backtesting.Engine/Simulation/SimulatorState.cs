namespace Backtesting.Engine.Simulation;

/// <summary>
/// Everything the simulator carries from one bar to the next, so that a backtest can be run in
/// time chunks (each chunk handing this state forward) with results identical to one pass.
/// </summary>
public sealed record SimulatorState
{
    /// <summary>The next bar to simulate.</summary>
    public int NextBar { get; set; }
    public double Cash { get; set; }

    /// <summary>Signed units held (negative when short).</summary>
    public double Units { get; set; }
    public int EntryBar { get; set; } = -1;
    public double EntryPrice { get; set; }
    public double EntryFee { get; set; }

    /// <summary>Bar at which a pending market order fills, or -1.</summary>
    public int PendingBar { get; set; } = -1;
    public double PendingPrice { get; set; }

    /// <summary>The position the pending order leads to: +1 long, -1 short, 0 flat.</summary>
    public int PendingTarget { get; set; }
    public double TotalFees { get; set; }

    /// <summary>Bars whose close found a position open.</summary>
    public int BarsInMarket { get; set; }

    /// <summary>Closed trades so far.</summary>
    public int ClosedTrades { get; set; }

    public static SimulatorState Initial(double initialCapital) => new() { Cash = initialCapital };
}
