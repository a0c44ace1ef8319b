namespace Backtesting.Engine.Execution.Slippage;

/// <summary>Fills at the raw price.</summary>
public sealed class NoSlippageModel : ISlippageModel
{
    public static NoSlippageModel Instance { get; } = new();

    public double Apply(in SlippageParameters parameters) => parameters.Price;
}
