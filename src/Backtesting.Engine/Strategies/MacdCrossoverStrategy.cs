using Backtesting.Engine.Data;
using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Strategies;

/// <summary>Bullish when the MACD line crosses above its signal line, bearish on the cross below.</summary>
public sealed class MacdCrossoverStrategy(int fastPeriod, int slowPeriod, int signalPeriod) : IStrategy
{
    public int WarmUpPeriod => Math.Max(fastPeriod, slowPeriod) + signalPeriod - 1;

    public void GenerateSignals(BarSeries bars, Span<sbyte> signals)
    {
        var macd = new MovingAverageConvergenceDivergence(fastPeriod, slowPeriod, signalPeriod);
        var tracker = new CrossoverTracker();
        double[] close = bars.Close;
        for (int i = 0; i < close.Length; i++)
        {
            macd.Update(close[i]);
            signals[i] = macd.IsReady ? tracker.Next(Math.Sign(macd.Line - macd.Signal)) : (sbyte)0;
        }
    }
}
