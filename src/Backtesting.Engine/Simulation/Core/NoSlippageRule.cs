using Backtesting.Engine.Execution;

namespace Backtesting.Engine.Simulation.Core;

/// <summary><see cref="Execution.Slippage.NoSlippageModel"/> inlined: the raw price.</summary>
internal readonly struct NoSlippageRule : ISlippageRule
{
    public double Apply(double rawPrice, OrderSide side) => rawPrice;
}
