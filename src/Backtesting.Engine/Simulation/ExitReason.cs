namespace Backtesting.Engine.Simulation;

/// <summary>Why a trade was closed (or that it is still open).</summary>
public enum ExitReason
{
    Open,
    Signal,
    StopLoss,
    TakeProfit,
    EndOfData,
}
