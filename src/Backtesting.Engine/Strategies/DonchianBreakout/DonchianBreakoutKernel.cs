using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
        int n = close.Length, i = 0;
        if (signals.Length < n) throw new ArgumentException("signals are shorter than the series", nameof(signals));
        // four bars per compare, their four signals written at once from the two 4-bit masks (no branch per bar)
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= n; i += 4)
            {
                var c = Vector256.Create(close.AsSpan(i, 4));
                uint above = Vector256.GreaterThan(c, Vector256.Create(upper.AsSpan(i, 4))).ExtractMostSignificantBits();
                uint below = Vector256.LessThan(c, Vector256.Create(lower.AsSpan(i, 4))).ExtractMostSignificantBits();
                FourSignals.Write(signals, i, above, below, buyWins: true);
            }
        }
        for (; i < n; i++)
        {
            // a break of the entry channel wins over one of the exit channel on the same bar
            signals[i] = close[i] > upper[i] ? (sbyte)1 : close[i] < lower[i] ? (sbyte)-1 : (sbyte)0;
        }
    }
}
