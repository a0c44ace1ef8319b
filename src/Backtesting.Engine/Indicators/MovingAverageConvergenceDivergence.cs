using Backtesting.Engine.Internal;

namespace Backtesting.Engine.Indicators;

/// <summary>MACD line = EMA(fast) - EMA(slow); signal = EMA(signal period) of the MACD line; histogram = line - signal.</summary>
public sealed class MovingAverageConvergenceDivergence : IIndicator
{
    private readonly ExponentialMovingAverage _fast, _slow, _signal;

    public MovingAverageConvergenceDivergence(int fastPeriod, int slowPeriod, int signalPeriod)
    {
        Guard.Positive(fastPeriod);
        Guard.Positive(slowPeriod);
        Guard.Positive(signalPeriod);
        _fast = new ExponentialMovingAverage(fastPeriod);
        _slow = new ExponentialMovingAverage(slowPeriod);
        _signal = new ExponentialMovingAverage(signalPeriod);
    }

    public int WarmUpPeriod => Math.Max(_fast.Period, _slow.Period) + _signal.Period - 1;
    public int Samples { get; private set; }
    public bool IsReady => _signal.IsReady;
    public double Line { get; private set; } = double.NaN;
    public double Signal => _signal.Value;
    public double Histogram => Line - Signal;

    public void Update(double value)
    {
        Samples++;
        _fast.Update(value);
        _slow.Update(value);
        if (_fast.IsReady && _slow.IsReady)
        {
            Line = _fast.Value - _slow.Value;
            _signal.Update(Line);
        }
    }

    public void Reset()
    {
        _fast.Reset();
        _slow.Reset();
        _signal.Reset();
        Samples = 0;
        Line = double.NaN;
    }
}
