using Backtesting.Engine.Internal;

namespace Backtesting.Engine.Indicators;

/// <summary>Highest high and lowest low of the last <see cref="Period"/> bars, amortised O(1) with monotonic deques.</summary>
public sealed class DonchianChannel : IIndicator
{
    private readonly RollingExtreme _highs, _lows;

    public DonchianChannel(int period)
    {
        Guard.Positive(period);
        Period = period;
        _highs = new RollingExtreme(period, keepMax: true);
        _lows = new RollingExtreme(period, keepMax: false);
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
        _highs.Add(high);
        _lows.Add(low);
        Samples++;
    }

    public void Reset()
    {
        _highs.Clear();
        _lows.Clear();
        Samples = 0;
    }
}
