using Backtesting.Engine.Data;
using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Strategies;

/// <summary>Bullish when RSI crosses below the oversold level, bearish when it crosses above the overbought level.</summary>
public sealed class RsiReversionStrategy(int period, double oversold, double overbought) : IStrategy
{
    public int WarmUpPeriod => period + 1;

    public void GenerateSignals(BarSeries bars, Span<sbyte> signals)
    {
        var rsi = new RelativeStrengthIndex(period);
        CrossoverTracker low = new(), high = new();
        double[] close = bars.Close;
        for (int i = 0; i < close.Length; i++)
        {
            rsi.Update(close[i]);
            sbyte signal = 0;
            if (rsi.IsReady)
            {
                if (low.Next(Math.Sign(rsi.Value - oversold)) < 0) signal = 1;
                if (high.Next(Math.Sign(rsi.Value - overbought)) > 0) signal = -1;
            }
            signals[i] = signal;
        }
    }
}
