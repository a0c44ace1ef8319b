using Backtesting.Engine.Data;

namespace Backtesting.Engine.Tests.Support;

/// <summary>Small bar series built in code: one bar per calendar day from <see cref="Start"/>.</summary>
public static class TestBars
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Bars whose open, high, low and close all equal the given close.</summary>
    public static BarSeries FromCloses(params double[] closes) =>
        Build(closes, closes, closes, closes);

    /// <summary>Bars with the given opens and closes; high and low are max/min of the two.</summary>
    public static BarSeries FromOpensAndCloses(double[] opens, double[] closes)
    {
        if (opens.Length != closes.Length) throw new ArgumentException("opens and closes differ in length");
        var high = new double[opens.Length];
        var low = new double[opens.Length];
        for (int i = 0; i < opens.Length; i++)
        {
            high[i] = Math.Max(opens[i], closes[i]);
            low[i] = Math.Min(opens[i], closes[i]);
        }
        return Build(opens, high, low, closes);
    }

    /// <summary>Bars given as (open, high, low, close) tuples.</summary>
    public static BarSeries Ohlc(params (double Open, double High, double Low, double Close)[] bars) =>
        Build(
            bars.Select(b => b.Open).ToArray(),
            bars.Select(b => b.High).ToArray(),
            bars.Select(b => b.Low).ToArray(),
            bars.Select(b => b.Close).ToArray());

    /// <summary><paramref name="count"/> timestamps spaced by <paramref name="interval"/> from <paramref name="start"/>.</summary>
    public static long[] Timestamps(int count, TimeSpan interval, DateTime? start = null)
    {
        long first = (start ?? Start).Ticks;
        return Enumerable.Range(0, count).Select(i => first + i * interval.Ticks).ToArray();
    }

    private static BarSeries Build(double[] open, double[] high, double[] low, double[] close)
    {
        int n = close.Length;
        var bars = new BarSeries(Timestamps(n, TimeSpan.FromDays(1)), open.ToArray(), high.ToArray(), low.ToArray(), close.ToArray(),
            Enumerable.Repeat(1000.0, n).ToArray());
        BarSeriesValidator.Validate(bars);
        return bars;
    }
}
