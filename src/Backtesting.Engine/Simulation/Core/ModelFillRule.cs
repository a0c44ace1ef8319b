using Backtesting.Engine.Data;
using Backtesting.Engine.Execution;
using Backtesting.Engine.Execution.Fills;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>Any <see cref="IFillModel"/>, called through its interface.</summary>
internal readonly struct ModelFillRule(IFillModel model, BarSeries bars) : IFillRule
{
    public FillResult Fill(int decisionBar, OrderSide side) => model.Fill(new MarketOrder(decisionBar, side), bars);
}
