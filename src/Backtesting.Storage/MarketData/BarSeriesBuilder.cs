using Backtesting.Engine.Data;

namespace Backtesting.Storage.MarketData;

/// <summary>
/// Collects bars read row by row into fixed-size chunks, then copies them once into the exact-size
/// columns of a <see cref="BarSeries"/> (no doubling and re-copying of million-element arrays).
/// </summary>
internal sealed class BarSeriesBuilder
{
    private const int ChunkSize = 1 << 16;
    private readonly List<Chunk> _full = [];
    private Chunk _current = new();
    private int _inCurrent;

    public int Count => _full.Count * ChunkSize + _inCurrent;

    public void Add(long ticks, double open, double high, double low, double close, double volume)
    {
        if (_inCurrent == ChunkSize)
        {
            _full.Add(_current);
            _current = new Chunk();
            _inCurrent = 0;
        }
        int i = _inCurrent++;
        _current.Time[i] = ticks;
        _current.Open[i] = open;
        _current.High[i] = high;
        _current.Low[i] = low;
        _current.Close[i] = close;
        _current.Volume[i] = volume;
    }

    public BarSeries Build() => Build([this]);

    /// <summary>One series of several builders' bars, in the order given (consecutive time slices).</summary>
    public static BarSeries Build(IReadOnlyList<BarSeriesBuilder> parts)
    {
        int count = parts.Sum(p => p.Count);
        long[] time = new long[count];
        double[] open = new double[count], high = new double[count], low = new double[count], close = new double[count], volume = new double[count];
        int at = 0;
        foreach (var part in parts)
            foreach (var (chunk, length) in part._full.Select(c => (c, ChunkSize)).Append((part._current, part._inCurrent)))
            {
                chunk.Time.AsSpan(0, length).CopyTo(time.AsSpan(at));
                chunk.Open.AsSpan(0, length).CopyTo(open.AsSpan(at));
                chunk.High.AsSpan(0, length).CopyTo(high.AsSpan(at));
                chunk.Low.AsSpan(0, length).CopyTo(low.AsSpan(at));
                chunk.Close.AsSpan(0, length).CopyTo(close.AsSpan(at));
                chunk.Volume.AsSpan(0, length).CopyTo(volume.AsSpan(at));
                at += length;
            }
        return new BarSeries(time, open, high, low, close, volume);
    }

    private sealed class Chunk
    {
        public long[] Time { get; } = new long[ChunkSize];
        public double[] Open { get; } = new double[ChunkSize];
        public double[] High { get; } = new double[ChunkSize];
        public double[] Low { get; } = new double[ChunkSize];
        public double[] Close { get; } = new double[ChunkSize];
        public double[] Volume { get; } = new double[ChunkSize];
    }
}
