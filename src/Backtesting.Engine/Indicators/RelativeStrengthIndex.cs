using Backtesting.Engine.Internal;

namespace Backtesting.Engine.Indicators;

/// <summary>
/// Wilder's RSI: average gain and loss seeded with the simple mean of the first <see cref="Period"/>
/// changes, then smoothed as avg = (avg x (n - 1) + x) / n. 100 when there are no losses, 50 when flat.
/// </summary>
public sealed class RelativeStrengthIndex : IIndicator
{
    private double _previous = double.NaN;
    private double _avgGain, _avgLoss;
    private int _changes;

    public RelativeStrengthIndex(int period)
    {
        Guard.Positive(period);
        Period = period;
    }

    public int Period { get; }
    public int WarmUpPeriod => Period + 1;
    public int Samples { get; private set; }
    public bool IsReady => _changes >= Period;
    public double Value { get; private set; } = double.NaN;

    public double Update(double value)
    {
        Samples++;
        if (double.IsNaN(_previous))
        {
            _previous = value;
            return Value;
        }
        double change = value - _previous;
        _previous = value;
        double gain = change > 0 ? change : 0;
        double loss = change < 0 ? -change : 0;
        _changes++;
        if (_changes <= Period)
        {
            _avgGain += gain / Period;
            _avgLoss += loss / Period;
            if (_changes < Period) return Value;
        }
        else
        {
            _avgGain = (_avgGain * (Period - 1) + gain) / Period;
            _avgLoss = (_avgLoss * (Period - 1) + loss) / Period;
        }
        Value = _avgLoss == 0 ? (_avgGain == 0 ? 50 : 100) : 100 - 100 / (1 + _avgGain / _avgLoss);
        return Value;
    }

    public void Reset()
    {
        _previous = double.NaN;
        _avgGain = _avgLoss = 0;
        _changes = 0;
        Samples = 0;
        Value = double.NaN;
    }
}
