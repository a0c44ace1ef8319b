using Backtesting.Engine.Execution;
using Backtesting.Engine.Execution.Slippage;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>Any <see cref="ISlippageModel"/>, called through its interface.</summary>
internal readonly struct ModelSlippageRule(ISlippageModel model) : ISlippageRule
{
    public double Apply(double rawPrice, OrderSide side) => model.Apply(new SlippageParameters(rawPrice, side));
}
