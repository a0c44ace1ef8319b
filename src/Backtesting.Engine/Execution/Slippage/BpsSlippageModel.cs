namespace Backtesting.Engine.Execution.Slippage;

/// <summary>Buys fill at price x (1 + bps/10^4), sells at price x (1 - bps/10^4).</summary>
public sealed class BpsSlippageModel(double basisPoints) : ISlippageModel
{
    public double BasisPoints { get; } = basisPoints >= 0 && basisPoints < 10_000 ? basisPoints
        : throw new ArgumentOutOfRangeException(nameof(basisPoints), basisPoints, "must be in [0, 10000)");

    public double Apply(in SlippageParameters parameters) =>
        parameters.Price * (1 + (int)parameters.Side * BasisPoints / 10_000.0);
}
