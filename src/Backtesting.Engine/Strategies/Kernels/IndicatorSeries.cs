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

    /// <summary>Highest high (upper = true) or lowest low of the <paramref name="period"/> bars before each bar.</summary>
    public static double[] DonchianBeforeBar(BarSeries bars, int period, bool upper)
    {
        var side = new RollingExtreme(period, keepMax: upper);
        var series = new double[bars.Count];
        double[] values = upper ? bars.High : bars.Low;
        for (int i = 0; i < series.Length; i++)
        {
            series[i] = side.IsReady ? side.Extreme : double.NaN;
            side.Add(values[i]);
        }
        return series;
    }
}
