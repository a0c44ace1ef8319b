using Backtesting.Engine.Data;
using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Strategies;

/// <summary>Bullish when EMA(fast) of closes crosses above EMA(slow), bearish on the cross below.</summary>
public sealed class EmaCrossoverStrategy(int fastPeriod, int slowPeriod) : IStrategy
{
    public int WarmUpPeriod => Math.Max(fastPeriod, slowPeriod);

    public void GenerateSignals(BarSeries bars, Span<sbyte> signals)
    {
        var fast = new ExponentialMovingAverage(fastPeriod);
        var slow = new ExponentialMovingAverage(slowPeriod);
        var tracker = new CrossoverTracker();
        double[] close = bars.Close;
        for (int i = 0; i < close.Length; i++)
        {
            fast.Update(close[i]);
            slow.Update(close[i]);
            signals[i] = fast.IsReady && slow.IsReady ? tracker.Next(Math.Sign(fast.Value - slow.Value)) : (sbyte)0;
        }
    }
}
