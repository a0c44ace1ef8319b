using Backtesting.Engine.Execution;
using Backtesting.Engine.Execution.Fills;

namespace Backtesting.Engine.Simulation.Core;

/// <summary><see cref="NextOpenFillModel"/> inlined: the open of the next bar; never on the last bar.</summary>
internal readonly struct NextOpenFillRule(double[] open) : IFillRule
{
    public FillResult Fill(int decisionBar, OrderSide side)
    {
        int bar = decisionBar + 1;
        return bar < open.Length ? new FillResult(bar, open[bar]) : FillResult.None;
    }
}
