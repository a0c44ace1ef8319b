namespace Backtesting.Engine.Execution;

/// <summary>Buy or sell; slippage always moves a fill against the side.</summary>
public enum OrderSide
{
    Buy = 1,
    Sell = -1,
}
