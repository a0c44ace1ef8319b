using Backtesting.Engine.Data;
using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Strategies;

/// <summary>Bullish when the close crosses below the lower Bollinger band, bearish when it crosses above the upper band.</summary>
public sealed class BollingerReversionStrategy(int period, double standardDeviations) : IStrategy
{
    public int WarmUpPeriod => period;

    public void GenerateSignals(BarSeries bars, Span<sbyte> signals)
    {
        var bands = new BollingerBands(period, standardDeviations);
        CrossoverTracker lower = new(), upper = new();
        double[] close = bars.Close;
        for (int i = 0; i < close.Length; i++)
        {
            bands.Update(close[i]);
            sbyte signal = 0;
            if (bands.IsReady)
            {
                if (lower.Next(Math.Sign(close[i] - bands.Lower)) < 0) signal = 1;
                if (upper.Next(Math.Sign(close[i] - bands.Upper)) > 0) signal = -1;
            }
            signals[i] = signal;
        }
    }
}
