using Backtesting.Engine.Data;

namespace Backtesting.Engine.Execution.Fills;

/// <summary>The default: an order decided at bar t fills at the open of bar t+1; one decided on the last bar never fills.</summary>
public sealed class NextOpenFillModel : IFillModel
{
    public static NextOpenFillModel Instance { get; } = new();

    public FillResult Fill(in MarketOrder order, BarSeries bars)
    {
        int bar = order.DecisionBar + 1;
        return bar < bars.Count ? new FillResult(bar, bars.Open[bar]) : FillResult.None;
    }
}
