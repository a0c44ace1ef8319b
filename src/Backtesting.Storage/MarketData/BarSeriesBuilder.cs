using Backtesting.Engine.Data;

namespace Backtesting.Storage.MarketData;

/// <summary>Collects bars read row by row into growing column arrays, then trims them into a <see cref="BarSeries"/>.</summary>
internal sealed class BarSeriesBuilder(int capacity = 1024)
{
    private long[] _time = new long[Math.Max(capacity, 16)];
    private double[] _open = new double[Math.Max(capacity, 16)];
    private double[] _high = new double[Math.Max(capacity, 16)];
    private double[] _low = new double[Math.Max(capacity, 16)];
    private double[] _close = new double[Math.Max(capacity, 16)];
    private double[] _volume = new double[Math.Max(capacity, 16)];

    public int Count { get; private set; }

    public void Add(long ticks, double open, double high, double low, double close, double volume)
    {
        if (Count == _time.Length)
            Grow();
        int i = Count++;
        _time[i] = ticks;
        _open[i] = open;
        _high[i] = high;
        _low[i] = low;
        _close[i] = close;
        _volume[i] = volume;
    }

    public BarSeries Build() => new(Trim(_time), Trim(_open), Trim(_high), Trim(_low), Trim(_close), Trim(_volume));

    private T[] Trim<T>(T[] column) => column.Length == Count ? column : column.AsSpan(0, Count).ToArray();

    private void Grow()
    {
        int size = _time.Length * 2;
        Array.Resize(ref _time, size);
        Array.Resize(ref _open, size);
        Array.Resize(ref _high, size);
        Array.Resize(ref _low, size);
        Array.Resize(ref _close, size);
        Array.Resize(ref _volume, size);
    }
}
