using System.Runtime.CompilerServices;
using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.DonchianBreakout;

/// <summary>donchian_breakout from channel series computed once per period.</summary>
internal sealed class DonchianBreakoutKernel(BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "entry_period", "exit_period");

    // Fully optimised at once: a grid calls this a few dozen times, each a long loop, mostly before tiering would catch up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        int entryPeriod = parameters.GetInt("entry_period"), exitPeriod = parameters.GetInt("exit_period");
        double[] upper = cache.GetOrAdd($"donchian_high:{entryPeriod}", bars.Count, () => IndicatorSeries.DonchianBeforeBar(bars, entryPeriod, upper: true));
        double[] lower = cache.GetOrAdd($"donchian_low:{exitPeriod}", bars.Count, () => IndicatorSeries.DonchianBeforeBar(bars, exitPeriod, upper: false));
        double[] close = bars.Close;
        for (int i = 0; i < close.Length; i++)
        {
            sbyte signal = 0;
            // NaN (channel not ready) compares false, as the indicator's IsReady
            if (close[i] < lower[i]) signal = -1;
            if (close[i] > upper[i]) signal = 1;
            signals[i] = signal;
        }
    }
}
