using Backtesting.Engine.Data;

namespace Backtesting.Engine.Execution.Fills;

/// <summary>The explicit <c>fill = close</c> option: an order fills at the close of the bar that decided it.</summary>
public sealed class CloseFillModel : IFillModel
{
    public static CloseFillModel Instance { get; } = new();

    public FillResult Fill(in MarketOrder order, BarSeries bars) => new(order.DecisionBar, bars.Close[order.DecisionBar]);
}
