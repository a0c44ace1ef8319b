using Backtesting.Engine.Internal;

namespace Backtesting.Engine.Indicators;

/// <summary>Arithmetic mean of the last <see cref="Period"/> values.</summary>
public sealed class SimpleMovingAverage : IIndicator
{
    private readonly double[] _window;
    private double _sum;
    private int _next;

    public SimpleMovingAverage(int period)
    {
        Guard.Positive(period);
        Period = period;
        _window = new double[period];
    }

    public int Period { get; }
    public int WarmUpPeriod => Period;
    public int Samples { get; private set; }
    public bool IsReady => Samples >= Period;

    /// <summary>The mean, or NaN before <see cref="IsReady"/>.</summary>
    public double Value => IsReady ? _sum / Period : double.NaN;

    public double Update(double value)
    {
        _sum += value - _window[_next];
        _window[_next] = value;
        _next = _next + 1 == Period ? 0 : _next + 1;
        Samples++;
        // re-add the window from scratch now and then so float drift cannot accumulate
        if (_next == 0 && Samples % (Period * 64) == 0)
            _sum = _window.Sum();
        return Value;
    }

    public void Reset()
    {
        Array.Clear(_window);
        _sum = 0;
        _next = 0;
        Samples = 0;
    }
}
