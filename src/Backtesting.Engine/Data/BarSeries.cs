namespace Backtesting.Engine.Data;

/// <summary>
/// OHLCV bars in struct-of-arrays form: one contiguous array per field, so indicator and
/// simulation loops stream through exactly the columns they need.
/// </summary>
public sealed class BarSeries
{
    /// <summary>Creates a series over the given columns (not copied). Use <see cref="BarSeriesValidator"/> for untrusted data.</summary>
    public BarSeries(long[] timestamps, double[] open, double[] high, double[] low, double[] close, double[] volume, int priceDecimals = -1)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        int n = timestamps.Length;
        if (open.Length != n || high.Length != n || low.Length != n || close.Length != n || volume.Length != n)
            throw new ArgumentException("All bar columns must have the same length.");
        Timestamps = timestamps;
        Open = open;
        High = high;
        Low = low;
        Close = close;
        Volume = volume;
        PriceDecimals = priceDecimals >= 0 ? priceDecimals : PriceScale.DetectDecimals(close);
    }

    /// <summary>Bar open times as UTC ticks (<see cref="DateTime.Ticks"/>), strictly increasing.</summary>
    public long[] Timestamps { get; }
    public double[] Open { get; }
    public double[] High { get; }
    public double[] Low { get; }
    public double[] Close { get; }
    public double[] Volume { get; }

    /// <summary>Decimal places of the prices as given, used to compare price averages exactly.</summary>
    public int PriceDecimals { get; }

    /// <summary>Number of bars.</summary>
    public int Count => Timestamps.Length;

    /// <summary>The timestamp of bar <paramref name="index"/> as a UTC <see cref="DateTime"/>.</summary>
    public DateTime TimeAt(int index) => new(Timestamps[index], DateTimeKind.Utc);

    /// <summary>A copy of the bars in [start, start + length).</summary>
    public BarSeries Slice(int start, int length) => new(
        Timestamps.AsSpan(start, length).ToArray(),
        Open.AsSpan(start, length).ToArray(),
        High.AsSpan(start, length).ToArray(),
        Low.AsSpan(start, length).ToArray(),
        Close.AsSpan(start, length).ToArray(),
        Volume.AsSpan(start, length).ToArray(),
        PriceDecimals);

    /// <summary>The bars whose timestamps fall in [from, to] (both inclusive, either may be null).</summary>
    public BarSeries Between(DateTime? from, DateTime? to)
    {
        int start = from is null ? 0 : TimestampSearch.FirstAtOrAfter(Timestamps, from.Value.Ticks);
        int end = to is null ? Count : TimestampSearch.FirstAtOrAfter(Timestamps, to.Value.Ticks + 1);
        return start == 0 && end == Count ? this : Slice(start, Math.Max(0, end - start));
    }
}
