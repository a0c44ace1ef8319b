using Backtesting.Engine.Data;
using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Strategies;

/// <summary>
/// Bullish when the close breaks above the highest high of the previous <c>entry_period</c> bars,
/// bearish when it breaks below the lowest low of the previous <c>exit_period</c> bars.
/// </summary>
public sealed class DonchianBreakoutStrategy(int entryPeriod, int exitPeriod) : IStrategy
{
    public int WarmUpPeriod => Math.Max(entryPeriod, exitPeriod) + 1;

    public void GenerateSignals(BarSeries bars, Span<sbyte> signals)
    {
        // The entry channel's upper side and the exit channel's lower side (DonchianChannel keeps both).
        var upper = new RollingExtreme(entryPeriod, keepMax: true);
        var lower = new RollingExtreme(exitPeriod, keepMax: false);
        double[] high = bars.High, low = bars.Low, close = bars.Close;
        for (int i = 0; i < close.Length; i++)
        {
            sbyte signal = 0;
            // channels hold the previous bars only: the current bar is added after the comparison
            if (lower.IsReady && close[i] < lower.Extreme) signal = -1;
            if (upper.IsReady && close[i] > upper.Extreme) signal = 1;
            signals[i] = signal;
            upper.Add(high[i]);
            lower.Add(low[i]);
        }
    }
}
