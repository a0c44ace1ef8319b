using Backtesting.Engine.Internal;

namespace Backtesting.Engine.Indicators;

/// <summary>Highest high and lowest low of the last <see cref="Period"/> bars, amortised O(1) with monotonic deques.</summary>
public sealed class DonchianChannel : IIndicator
{
    private readonly MonotonicWindow _highs, _lows;

    public DonchianChannel(int period)
    {
        Guard.Positive(period);
        Period = period;
        _highs = new MonotonicWindow(period, keepMax: true);
        _lows = new MonotonicWindow(period, keepMax: false);
    }

    public int Period { get; }
    public int WarmUpPeriod => Period;
    public int Samples { get; private set; }
    public bool IsReady => Samples >= Period;
    public double Upper => IsReady ? _highs.Extreme : double.NaN;
    public double Lower => IsReady ? _lows.Extreme : double.NaN;
    public double Middle => (Upper + Lower) / 2;

    public void Update(double high, double low)
    {
        _highs.Add(Samples, high);
        _lows.Add(Samples, low);
        Samples++;
    }

    public void Reset()
    {
        _highs.Clear();
        _lows.Clear();
        Samples = 0;
    }

    /// <summary>Ring-buffer deque of (index, value) whose front is the window's extreme.</summary>
    private sealed class MonotonicWindow(int period, bool keepMax)
    {
        private readonly int[] _index = new int[period + 1];
        private readonly double[] _value = new double[period + 1];
        private int _head, _count;

        public double Extreme => _value[_head];

        public void Add(int index, double value)
        {
            int capacity = _index.Length;
            while (_count > 0)
            {
                int tail = (_head + _count - 1) % capacity;
                bool dominated = keepMax ? _value[tail] <= value : _value[tail] >= value;
                if (!dominated) break;
                _count--;
            }
            int slot = (_head + _count) % capacity;
            _index[slot] = index;
            _value[slot] = value;
            _count++;
            while (_index[_head] <= index - period)
            {
                _head = (_head + 1) % capacity;
                _count--;
            }
        }

        public void Clear() => _head = _count = 0;
    }
}
