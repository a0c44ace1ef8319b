using Backtesting.Engine.Execution;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>A slippage model as the simulation core calls it (see <see cref="IFillRule"/> for why structs).</summary>
internal interface ISlippageRule
{
    /// <summary>The fill price after slippage for a raw price and the side being filled.</summary>
    double Apply(double rawPrice, OrderSide side);
}
