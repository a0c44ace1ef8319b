using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Backtesting.Engine.Data;
using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// Whole-series indicator values computed with the streaming indicators themselves (so every value
/// is the one a strategy sees bar by bar); NaN where the indicator is not ready.
/// </summary>
internal static class IndicatorSeries
{
    /// <summary>
    /// <see cref="ExponentialMovingAverage"/>'s values bar by bar: NaN before bar period - 1, the mean of the first
    /// period values there, then value += alpha x (x - value). Its arithmetic, in locals rather than the object's
    /// fields (the recurrence's latency is the cost; a field round trip per bar adds to it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] Ema(double[] values, int period)
    {
        var series = SeriesBuffers.Rent(values.Length); // every bar is written
        EmaUpTo(values, period, series, values.Length);
        return series;
    }

    /// <summary>
    /// <see cref="Ema(double[], int)"/> of four periods at once (one array each in <paramref name="series"/>): each runs
    /// alone up to the bar the longest is ready on, then the four recurrences go in the lanes of one vector, each lane
    /// with its own alpha and the same IEEE operations (separate multiply and add, no FMA), so every series equals the
    /// single one bit for bit at a quarter of the latency-bound cost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void EmaFour(double[] values, ReadOnlySpan<int> periods, double[][] series)
    {
        int n = values.Length;
        int common = LongestOfFour(periods, series, n);
        double[] o0 = series[0], o1 = series[1], o2 = series[2], o3 = series[3];
        if (common > n || !Vector256.IsHardwareAccelerated)
        {
            for (int k = 0; k < 4; k++) EmaUpTo(values, periods[k], series[k], n);
            return;
        }
        // bar common - 1 is the first every series is defined on; from the next one on all four step together
        var v = Vector256.Create(
            EmaUpTo(values, periods[0], o0, common), EmaUpTo(values, periods[1], o1, common),
            EmaUpTo(values, periods[2], o2, common), EmaUpTo(values, periods[3], o3, common));
        var alpha = Vector256.Create(Alpha(periods[0]), Alpha(periods[1]), Alpha(periods[2]), Alpha(periods[3]));
        for (int i = common; i < n; i++)
        {
            v += alpha * (Vector256.Create(values[i]) - v);
            o0[i] = v.GetElement(0);
            o1[i] = v.GetElement(1);
            o2[i] = v.GetElement(2);
            o3[i] = v.GetElement(3);
        }
    }

    /// <summary>Checks a four-lane call's arguments (four periods, four arrays of at least <paramref name="n"/> values) and returns the longest period.</summary>
    private static int LongestOfFour(ReadOnlySpan<int> periods, double[][] series, int n)
    {
        if (periods.Length != 4 || series.Length != 4) throw new ArgumentException("needs four periods and four arrays");
        foreach (var s in series)
            if (s.Length < n) throw new ArgumentException("series are shorter than the values", nameof(series));
        int longest = 0;
        foreach (int period in periods) longest = Math.Max(longest, period);
        return longest;
    }

    /// <summary>The streaming indicator's alpha, the same expression.</summary>
    private static double Alpha(int period) => 2.0 / (period + 1);

    /// <summary>Writes the EMA series on bars [0, <paramref name="end"/>) and returns its value at end - 1 (NaN: not ready).</summary>
    private static double EmaUpTo(double[] values, int period, Span<double> series, int end)
    {
        int ready = period - 1;
        if (ready >= end)
        {
            series[..end].Fill(double.NaN);
            return double.NaN;
        }
        double seed = 0;
        for (int i = 0; i < ready; i++)
        {
            seed += values[i];
            series[i] = double.NaN;
        }
        double value = (seed + values[ready]) / period, alpha = Alpha(period);
        series[ready] = value;
        for (int i = ready + 1; i < end; i++)
        {
            value += alpha * (values[i] - value);
            series[i] = value;
        }
        return value;
    }

    /// <summary>
    /// <see cref="RelativeStrengthIndex"/>'s values bar by bar (NaN before bar period), its arithmetic in locals: the
    /// averages seeded as sums of change / period, then avg = (avg x (period - 1) + x) / period.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] Rsi(double[] values, int period)
    {
        var series = SeriesBuffers.Rent(values.Length); // every bar is written
        RsiUpTo(values, period, series, values.Length);
        return series;
    }

    /// <summary>
    /// <see cref="Rsi(double[], int)"/> of four periods at once, as <see cref="EmaFour"/>: each alone up to the bar the
    /// longest is ready on, then the four Wilder recurrences in the lanes of one vector with the same IEEE operations
    /// (the divisions included), so every series equals the single one bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RsiFour(double[] values, ReadOnlySpan<int> periods, double[][] series)
    {
        int n = values.Length;
        int common = LongestOfFour(periods, series, n);
        double[] o0 = series[0], o1 = series[1], o2 = series[2], o3 = series[3];
        if (common >= n || !Vector256.IsHardwareAccelerated)
        {
            for (int k = 0; k < 4; k++) RsiUpTo(values, periods[k], series[k], n);
            return;
        }
        // bar common is the first every series is defined on; from the next one on all four step together
        var (g0, l0) = RsiUpTo(values, periods[0], o0, common + 1);
        var (g1, l1) = RsiUpTo(values, periods[1], o1, common + 1);
        var (g2, l2) = RsiUpTo(values, periods[2], o2, common + 1);
        var (g3, l3) = RsiUpTo(values, periods[3], o3, common + 1);
        Vector256<double> gain = Vector256.Create(g0, g1, g2, g3), loss = Vector256.Create(l0, l1, l2, l3);
        var p = Vector256.Create((double)periods[0], periods[1], periods[2], periods[3]);
        var pMinusOne = Vector256.Create((double)(periods[0] - 1), periods[1] - 1, periods[2] - 1, periods[3] - 1);
        Vector256<double> hundred = Vector256.Create(100.0), fifty = Vector256.Create(50.0), one = Vector256<double>.One;
        for (int i = common + 1; i < n; i++)
        {
            double change = values[i] - values[i - 1];
            gain = (gain * pMinusOne + Vector256.Create(change > 0 ? change : 0)) / p;
            loss = (loss * pMinusOne + Vector256.Create(change < 0 ? -change : 0)) / p;
            var noLoss = Vector256.Equals(loss, Vector256<double>.Zero);
            var flat = Vector256.ConditionalSelect(Vector256.Equals(gain, Vector256<double>.Zero), fifty, hundred);
            var v = Vector256.ConditionalSelect(noLoss, flat, hundred - hundred / (one + gain / loss));
            o0[i] = v.GetElement(0);
            o1[i] = v.GetElement(1);
            o2[i] = v.GetElement(2);
            o3[i] = v.GetElement(3);
        }
    }

    /// <summary>Writes the RSI series on bars [0, <paramref name="end"/>) and returns the averages after bar end - 1.</summary>
    private static (double Gain, double Loss) RsiUpTo(double[] values, int period, Span<double> series, int end)
    {
        double avgGain = 0, avgLoss = 0;
        if (end > 0) series[0] = double.NaN;
        for (int i = 1; i < end; i++)
        {
            double change = values[i] - values[i - 1];
            double gain = change > 0 ? change : 0;
            double loss = change < 0 ? -change : 0;
            if (i <= period)
            {
                avgGain += gain / period;
                avgLoss += loss / period;
                if (i < period)
                {
                    series[i] = double.NaN;
                    continue;
                }
            }
            else
            {
                avgGain = (avgGain * (period - 1) + gain) / period;
                avgLoss = (avgLoss * (period - 1) + loss) / period;
            }
            series[i] = avgLoss == 0 ? (avgGain == 0 ? 50 : 100) : 100 - 100 / (1 + avgGain / avgLoss);
        }
        return (avgGain, avgLoss);
    }

    /// <summary>
    /// Bollinger middle band in [0, n) and the window's standard deviation in [n, 2n): <see cref="BollingerBands"/>'s
    /// values bar by bar, its arithmetic in locals. The value leaving the window is recomputed as its shifted value (the
    /// same subtraction gives the same double), so no ring buffer; the periodic re-sum adds the window oldest first, as
    /// the indicator's buffer holds it then. Two passes: the running sums (a chain of additions, the latency) are
    /// parked in the output, then the divisions and square roots, which no bar waits on, run eight bars per
    /// instruction; each is IEEE-exact, so every value is the indicator's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] BollingerMiddleAndDeviation(double[] values, int period)
    {
        int n = values.Length;
        var series = SeriesBuffers.Rent(2 * n); // every bar of both halves is written
        if (n > 0 && double.IsNaN(values[0])) return BollingerStreaming(values, period, series); // the indicator's shift waits for a number
        double shift = n > 0 ? values[0] : 0, sum = 0, sumSquares = 0;
        int resumEvery = period * 64, untilResum = resumEvery; // counts samples down to the next multiple of resumEvery
        for (int i = 0; i < n; i++)
        {
            double x = values[i] - shift;
            double old = i >= period ? values[i - period] - shift : 0;
            sum += x - old;
            sumSquares += x * x - old * old;
            int samples = i + 1;
            bool resum = --untilResum == 0;
            if (resum) untilResum = resumEvery;
            if (samples < period)
            {
                series[i] = series[n + i] = double.NaN;
                continue;
            }
            if (resum)
            {
                sum = sumSquares = 0;
                for (int j = i - period + 1; j <= i; j++)
                {
                    double w = values[j] - shift;
                    sum += w;
                    sumSquares += w * w;
                }
            }
            series[i] = sum;
            series[n + i] = sumSquares;
        }
        BollingerBandsFromSums(series.AsSpan(0, n), series.AsSpan(n, n), Math.Max(0, period - 1), period, shift);
        return series;
    }

    /// <summary>
    /// Turns window sums into the middle band (shift + sum / period) and sums of squares into the deviation
    /// (sqrt(max(0, squares / period - mean^2))) in place from bar <paramref name="from"/> on, as the indicator computes them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BollingerBandsFromSums(Span<double> sums, Span<double> squares, int from, int period, double shift)
    {
        int n = sums.Length, i = from;
        double p = period;
        if (Vector512.IsHardwareAccelerated)
        {
            var periodV = Vector512.Create(p);
            var shiftV = Vector512.Create(shift);
            for (; i <= n - 8; i += 8)
            {
                var mean = Vector512.Create(sums.Slice(i, 8)) / periodV;
                // Max as Math.Max: NaN stays NaN, +0 over -0
                var variance = Vector512.Max(Vector512<double>.Zero, Vector512.Create(squares.Slice(i, 8)) / periodV - mean * mean);
                (shiftV + mean).CopyTo(sums.Slice(i, 8));
                Vector512.Sqrt(variance).CopyTo(squares.Slice(i, 8));
            }
        }
        for (; i < n; i++)
        {
            double mean = sums[i] / p;
            double variance = Math.Max(0, squares[i] / p - mean * mean);
            sums[i] = shift + mean;
            squares[i] = Math.Sqrt(variance);
        }
    }

    private static double[] BollingerStreaming(double[] values, int period, double[] series)
    {
        var bands = new BollingerBands(period, 1);
        int n = values.Length;
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
        var series = SeriesBuffers.Rent(n); // NaN up to the period, the extremes after
        series.AsSpan(0, Math.Min(period, n)).Fill(double.NaN);
        if (period >= n) return series;
        // scratch from the series pool, so a grid's reservation (SeriesBuffers.Reserve) covers it and it becomes a later series
        var fromStart = SeriesBuffers.Rent(n);
        var fromEnd = SeriesBuffers.Rent(n);
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
            // bar i sees the window [i - period, i - 1]: the end part of its first block and the start part of its last;
            // four bars per instruction (which of the two is larger is a coin toss a branch would mispredict)
            int i = period;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; i + 4 <= n; i += 4)
                {
                    var a = Vector256.Create(fromEnd.AsSpan(i - period, 4));
                    var b = Vector256.Create(fromStart.AsSpan(i - 1, 4));
                    (upper ? Vector256.MaxNative(a, b) : Vector256.MinNative(a, b)).CopyTo(series.AsSpan(i, 4));
                }
            }
            for (; i < n; i++)
                series[i] = Extreme(fromEnd[i - period], fromStart[i - 1], upper);
        }
        finally
        {
            SeriesBuffers.Return(fromStart);
            SeriesBuffers.Return(fromEnd);
        }
        return series;
    }

    // Prices are finite and > 0, so the native max / min instruction is the extreme (no Math.Max NaN and signed-zero
    // handling), and it has no branch to mispredict: a running extreme of a random walk is renewed often.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Extreme(double a, double b, bool upper)
    {
        Vector128<double> x = Vector128.CreateScalarUnsafe(a), y = Vector128.CreateScalarUnsafe(b);
        return (upper ? Vector128.MaxNative(x, y) : Vector128.MinNative(x, y)).ToScalar();
    }
}
