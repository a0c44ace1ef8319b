using Backtesting.Engine.Data;
using Backtesting.Engine.Indicators;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Rules;

/// <summary>
/// Whole-series kernels of the language's functions; NaN marks an undefined value. Indicators run over
/// each stretch of defined input (for prices: the whole series) with the engine's own indicator
/// definitions, so a value is undefined until its window or seed is filled with defined inputs, and an
/// undefined input starts the warm-up again.
/// </summary>
internal static class SeriesFunctions
{
    public static double[] Sma(double[] x, int n) => Streaming(x, () =>
    {
        var sma = new SimpleMovingAverage(n);
        return v => sma.Update(v);
    });

    public static double[] Ema(double[] x, int n) => Stretches(x, IndicatorSeries.Ema, n);

    public static double[] Rsi(double[] x, int n) => Stretches(x, IndicatorSeries.Rsi, n);

    /// <summary>Population standard deviation: the engine's Bollinger deviation.</summary>
    public static double[] Stdev(double[] x, int n) => Stretches(x, (s, p) => IndicatorSeries.BollingerMiddleAndDeviation(s, p)[s.Length..], n);

    /// <summary>Bollinger band: middle +/- k x deviation, the same expressions as the built-in bollinger_reversion.</summary>
    public static double[] Band(double[] x, int n, double k, bool upper)
    {
        double[] both = Stretches(x, (s, p) => IndicatorSeries.BollingerMiddleAndDeviation(s, p), n, 2);
        int length = x.Length;
        var band = new double[length];
        for (int i = 0; i < length; i++)
        {
            double width = k * both[length + i];
            band[i] = upper ? both[i] + width : both[i] - width;
        }
        return band;
    }

    public static double[] Macd(double[] x, int fast, int slow, int signal, bool signalLine) => Streaming(x, () =>
    {
        var macd = new MovingAverageConvergenceDivergence(fast, slow, signal);
        return v =>
        {
            macd.Update(v);
            if (signalLine) return macd.IsReady ? macd.Signal : double.NaN;
            return macd.Line;
        };
    });

    /// <summary>Linearly weighted average, weights 1..n (newest n): numerator(t) = numerator(t-1) + n x(t) - sum of the previous window.</summary>
    public static double[] Wma(double[] x, int n) => Streaming(x, () =>
    {
        var window = new double[n];
        double numerator = 0, sum = 0, divisor = n * (n + 1) / 2.0;
        int count = 0, next = 0;
        return v =>
        {
            if (count >= n)
            {
                numerator += n * v - sum;
                sum += v - window[next];
            }
            else
            {
                numerator += (count + 1) * v;
                sum += v;
            }
            window[next] = v;
            next = next + 1 == n ? 0 : next + 1;
            count++;
            // recompute now and then so float drift cannot accumulate
            if (next == 0 && count % (64 * n) == 0)
            {
                numerator = sum = 0;
                for (int j = 0; j < n; j++)
                {
                    double w = window[(next + j) % n];
                    numerator += (j + 1) * w;
                    sum += w;
                }
            }
            return count >= n ? numerator / divisor : double.NaN;
        };
    });

    /// <summary>Highest (or lowest) of the window of n values ending at each bar.</summary>
    public static double[] Extreme(double[] x, int n, bool highest) => Streaming(x, () =>
    {
        var extreme = new RollingExtreme(n, highest);
        return v =>
        {
            extreme.Add(v);
            return extreme.IsReady ? extreme.Extreme : double.NaN;
        };
    });

    /// <summary>Wilder's average true range of the bars.</summary>
    public static double[] Atr(BarSeries bars, int n)
    {
        var atr = new AverageTrueRange(n);
        var series = new double[bars.Count];
        for (int i = 0; i < series.Length; i++)
        {
            atr.Update(bars.High[i], bars.Low[i], bars.Close[i]);
            series[i] = atr.IsReady ? atr.Value : double.NaN;
        }
        return series;
    }

    /// <summary>x(t - k); undefined for the first k bars.</summary>
    public static double[] Prev(double[] x, int k)
    {
        var series = new double[x.Length];
        int shift = Math.Min(k, x.Length);
        series.AsSpan(0, shift).Fill(double.NaN);
        x.AsSpan(0, x.Length - shift).CopyTo(series.AsSpan(shift));
        return series;
    }

    /// <summary>x(t) / x(t - n) - 1.</summary>
    public static double[] Roc(double[] x, int n)
    {
        var series = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            series[i] = i >= n ? FixedValue.Defined(x[i] / x[i - n] - 1) : double.NaN;
        return series;
    }

    /// <summary>Runs a streaming update (fresh per stretch of defined values) over x.</summary>
    private static double[] Streaming(double[] x, Func<Func<double, double>> create)
    {
        var series = new double[x.Length];
        Func<double, double>? update = null;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            if (double.IsNaN(v))
            {
                update = null;
                series[i] = double.NaN;
                continue;
            }
            update ??= create();
            series[i] = update(v);
        }
        return series;
    }

    /// <summary>
    /// Applies a whole-series kernel to each stretch of defined values; <paramref name="planes"/> is the number
    /// of length-n blocks the kernel returns (Bollinger: middle and deviation).
    /// </summary>
    private static double[] Stretches(double[] x, Func<double[], int, double[]> kernel, int n, int planes = 1)
    {
        int length = x.Length;
        if (!x.AsSpan().Contains(double.NaN)) return kernel(x, n);
        var series = new double[planes * length];
        series.AsSpan().Fill(double.NaN);
        int i = 0;
        while (i < length)
        {
            if (double.IsNaN(x[i]))
            {
                i++;
                continue;
            }
            int end = i;
            while (end < length && !double.IsNaN(x[end])) end++;
            double[] part = kernel(x[i..end], n);
            int stretch = end - i;
            for (int p = 0; p < planes; p++)
                part.AsSpan(p * stretch, stretch).CopyTo(series.AsSpan(p * length + i));
            i = end;
        }
        return series;
    }
}
