using System.Runtime.CompilerServices;
using Backtesting.Engine.Data;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>bollinger_reversion from the middle band and window deviation computed once per period; the width k is per cell.</summary>
internal sealed class BollingerReversionKernel(BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "period", "num_std");

    // Fully optimised at once: a grid calls this a few dozen times, each a long loop, mostly before tiering would catch up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        int period = parameters.GetInt("period");
        double k = parameters.GetDouble("num_std");
        int n = bars.Count;
        double[] series = cache.GetOrAdd($"bollinger:{period}", 2 * n, () => IndicatorSeries.BollingerMiddleAndDeviation(bars.Close, period));
        double[] close = bars.Close;
        CrossoverTracker lower = new(), upper = new();
        for (int i = 0; i < n; i++)
        {
            sbyte signal = 0;
            double middle = series[i];
            if (!double.IsNaN(middle))
            {
                // the same expressions as BollingerBands: width = k x sd, bands = middle +/- width
                double width = k * series[n + i];
                if (lower.Next(Math.Sign(close[i] - (middle - width))) < 0) signal = 1;
                if (upper.Next(Math.Sign(close[i] - (middle + width))) > 0) signal = -1;
            }
            signals[i] = signal;
        }
    }
}
