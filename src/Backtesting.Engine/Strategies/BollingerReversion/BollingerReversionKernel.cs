using System.Buffers;
using System.Runtime.CompilerServices;
using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.BollingerReversion;

/// <summary>
/// bollinger_reversion from the middle band and window deviation computed once per period; the width k
/// is per cell: the cell's bands are computed into pooled arrays, then scanned four bars at a time.
/// </summary>
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
        ReadOnlySpan<double> middle = series.AsSpan(0, n), deviation = series.AsSpan(n, n);
        // The bands are defined from the first bar with a middle on (NaN before: the indicator's IsReady).
        int start = middle.IndexOfAnyExcept(double.NaN);
        if (start < 0) start = n;
        var lower = ArrayPool<double>.Shared.Rent(n);
        var upper = ArrayPool<double>.Shared.Rent(n);
        try
        {
            for (int i = start; i < n; i++)
            {
                // the same expressions as BollingerBands: width = k x sd, bands = middle +/- width
                double width = k * deviation[i];
                lower[i] = middle[i] - width;
                upper[i] = middle[i] + width;
            }
            CrossoverScan.Reversion(bars.Close, lower.AsSpan(0, n), upper.AsSpan(0, n), start, signals);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(lower);
            ArrayPool<double>.Shared.Return(upper);
        }
    }
}
