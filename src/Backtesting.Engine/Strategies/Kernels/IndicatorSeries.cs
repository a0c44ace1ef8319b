using System.Buffers;
using System.Runtime.CompilerServices;
using Backtesting.Engine.Data;
using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// Whole-series indicator values computed with the streaming indicators themselves (so every value
/// is the one a strategy sees bar by bar); NaN where the indicator is not ready.
/// </summary>
internal static class IndicatorSeries
{
    public static double[] Ema(double[] values, int period)
    {
        var ema = new ExponentialMovingAverage(period);
        var series = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            ema.Update(values[i]);
            series[i] = ema.IsReady ? ema.Value : double.NaN;
        }
        return series;
    }

    public static double[] Rsi(double[] values, int period)
    {
        var rsi = new RelativeStrengthIndex(period);
        var series = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            rsi.Update(values[i]);
            series[i] = rsi.IsReady ? rsi.Value : double.NaN;
        }
        return series;
    }

    /// <summary>Bollinger middle band in [0, n) and the window's standard deviation in [n, 2n).</summary>
    public static double[] BollingerMiddleAndDeviation(double[] values, int period)
    {
        var bands = new BollingerBands(period, 1);
        int n = values.Length;
        var series = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            bands.Update(values[i]);
            series[i] = bands.IsReady ? bands.Middle : double.NaN;
            series[n + i] = bands.IsReady ? bands.StandardDeviation : double.NaN;
        }
        return series;
    }

    /// <summary>
    /// Highest high (upper = true) or lowest low of the <paramref name="period"/> bars before each bar, NaN before bar
    /// <paramref name="period"/> (the values <see cref="RollingExtreme"/> gives bar by bar). Van Herk / Gil-Werman: the
    /// series is cut into blocks of <paramref name="period"/> bars with running extremes from each block's start and
    /// from its end, so the window [a, a + period) is the extreme of two lookups whatever the period: three passes
    /// without a queue (the per-value deque was most of a Donchian grid's series time). An extreme is one of the
    /// values, so the result is exact.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] DonchianBeforeBar(BarSeries bars, int period, bool upper)
    {
        int n = bars.Count;
        double[] values = upper ? bars.High : bars.Low;
        var series = new double[n];
        series.AsSpan(0, Math.Min(period, n)).Fill(double.NaN);
        if (period >= n) return series;
        var fromStart = ArrayPool<double>.Shared.Rent(n);
        var fromEnd = ArrayPool<double>.Shared.Rent(n);
        try
        {
            for (int block = 0; block < n; block += period)
            {
                int end = Math.Min(block + period, n);
                double running = values[block];
                fromStart[block] = running;
                for (int j = block + 1; j < end; j++) fromStart[j] = running = Extreme(running, values[j], upper);
                running = values[end - 1];
                fromEnd[end - 1] = running;
                for (int j = end - 2; j >= block; j--) fromEnd[j] = running = Extreme(running, values[j], upper);
            }
            // bar i sees the window [i - period, i - 1]: the end part of its first block and the start part of its last
            for (int i = period; i < n; i++)
                series[i] = Extreme(fromEnd[i - period], fromStart[i - 1], upper);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(fromStart);
            ArrayPool<double>.Shared.Return(fromEnd);
        }
        return series;
    }

    // Prices are finite, so a plain comparison is the extreme (no Math.Max NaN and signed-zero handling).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Extreme(double a, double b, bool upper) => upper ? (a >= b ? a : b) : (a <= b ? a : b);
}
