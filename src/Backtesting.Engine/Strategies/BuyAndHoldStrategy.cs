using Backtesting.Engine.Data;

namespace Backtesting.Engine.Strategies;

/// <summary>The benchmark: one bullish signal at the first bar, held to the end.</summary>
public sealed class BuyAndHoldStrategy : IStrategy
{
    public int WarmUpPeriod => 1;

    public void GenerateSignals(BarSeries bars, Span<sbyte> signals)
    {
        signals[..bars.Count].Clear();
        if (bars.Count > 0) signals[0] = 1;
    }
}
