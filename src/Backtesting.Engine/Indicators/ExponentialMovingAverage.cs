using Backtesting.Engine.Internal;

namespace Backtesting.Engine.Indicators;

/// <summary>EMA with alpha = 2 / (period + 1), seeded with the simple mean of the first <see cref="Period"/> values.</summary>
public sealed class ExponentialMovingAverage : IIndicator
{
    private readonly double _alpha;
    private double _seedSum;

    public ExponentialMovingAverage(int period)
    {
        Guard.Positive(period);
        Period = period;
        _alpha = 2.0 / (period + 1);
    }

    public int Period { get; }
    public int WarmUpPeriod => Period;
    public int Samples { get; private set; }
    public bool IsReady => Samples >= Period;
    public double Value { get; private set; } = double.NaN;

    public double Update(double value)
    {
        Samples++;
        if (Samples < Period)
        {
            _seedSum += value;
        }
        else if (Samples == Period)
        {
            Value = (_seedSum + value) / Period;
        }
        else
        {
            Value += _alpha * (value - Value);
        }
        return Value;
    }

    public void Reset()
    {
        Samples = 0;
        _seedSum = 0;
        Value = double.NaN;
    }
}
