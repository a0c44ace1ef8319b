namespace Backtesting.Engine.Indicators;

/// <summary>
/// Highest (or lowest) of the last <c>period</c> values, amortised O(1): a ring-buffer deque of
/// (index, value) whose front is the window's extreme. One side of a <see cref="DonchianChannel"/>.
/// </summary>
internal sealed class RollingExtreme(int period, bool keepMax)
{
    private readonly int[] _index = new int[period + 1];
    private readonly double[] _value = new double[period + 1];
    private int _head, _count, _samples;

    public int Period { get; } = period;

    public bool IsReady => _samples >= Period;

    /// <summary>The extreme of the last <see cref="Period"/> values (of those seen so far before ready).</summary>
    public double Extreme => _value[_head];

    // Wrap-around by comparison, not %: an integer division per step was a large part of Donchian's time.
    public void Add(double value)
    {
        int index = _samples++;
        int capacity = _index.Length;
        while (_count > 0)
        {
            int tail = _head + _count - 1;
            if (tail >= capacity) tail -= capacity;
            bool dominated = keepMax ? _value[tail] <= value : _value[tail] >= value;
            if (!dominated) break;
            _count--;
        }
        int slot = _head + _count;
        if (slot >= capacity) slot -= capacity;
        _index[slot] = index;
        _value[slot] = value;
        _count++;
        while (_index[_head] <= index - Period)
        {
            if (++_head == capacity) _head = 0;
            _count--;
        }
    }

    public void Clear() => _head = _count = _samples = 0;
}
