namespace Backtesting.Engine.Execution.Slippage;

/// <summary>Moves a raw fill price against the trader.</summary>
public interface ISlippageModel
{
    double Apply(in SlippageParameters parameters);
}

/// <summary>The raw fill price and the side being filled.</summary>
public readonly record struct SlippageParameters(double Price, OrderSide Side);
