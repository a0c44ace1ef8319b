using Backtesting.Engine.Execution;
using Backtesting.Engine.Execution.Fills;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>
/// A fill model as the simulation core calls it: implemented by structs, so the core is compiled once per
/// model and a built-in model's arithmetic is inlined instead of called through <see cref="IFillModel"/>.
/// </summary>
internal interface IFillRule
{
    /// <summary>Where a market order decided at the close of <paramref name="decisionBar"/> fills.</summary>
    FillResult Fill(int decisionBar, OrderSide side);
}
