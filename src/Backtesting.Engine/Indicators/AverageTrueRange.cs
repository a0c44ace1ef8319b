using Backtesting.Engine.Internal;

namespace Backtesting.Engine.Indicators;

/// <summary>
/// Wilder's ATR. True range = max(high - low, |high - prev close|, |low - prev close|) (the first bar: high - low);
/// seeded with the mean of the first <see cref="Period"/> true ranges, then atr = (atr x (n - 1) + tr) / n.
/// </summary>
public sealed class AverageTrueRange : IIndicator
{
    private double _previousClose = double.NaN;
    private double _seedSum;

    public AverageTrueRange(int period)
    {
        Guard.Positive(period);
        Period = period;
    }

    public int Period { get; }
    public int WarmUpPeriod => Period;
    public int Samples { get; private set; }
    public bool IsReady => Samples >= Period;
    public double Value { get; private set; } = double.NaN;

    public double Update(double high, double low, double close)
    {
        double tr = double.IsNaN(_previousClose)
            ? high - low
            : Math.Max(high - low, Math.Max(Math.Abs(high - _previousClose), Math.Abs(low - _previousClose)));
        _previousClose = close;
        Samples++;
        if (Samples < Period) _seedSum += tr;
        else if (Samples == Period) Value = (_seedSum + tr) / Period;
        else Value = (Value * (Period - 1) + tr) / Period;
        return Value;
    }

    public void Reset()
    {
        _previousClose = double.NaN;
        _seedSum = 0;
        Samples = 0;
        Value = double.NaN;
    }
}
