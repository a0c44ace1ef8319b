using Backtesting.Engine.Internal;

namespace Backtesting.Engine.Indicators;

/// <summary>Middle = SMA(period); upper/lower = middle +/- k x population standard deviation of the window.</summary>
public sealed class BollingerBands : IIndicator
{
    private readonly double[] _window;
    private int _next;
    // running sums of (value - shift) keep the variance free of catastrophic cancellation
    private double _shift = double.NaN, _sum, _sumSquares;

    public BollingerBands(int period, double standardDeviations)
    {
        Guard.Positive(period);
        Guard.Positive(standardDeviations);
        Period = period;
        StandardDeviations = standardDeviations;
        _window = new double[period];
    }

    public int Period { get; }
    public double StandardDeviations { get; }
    public int WarmUpPeriod => Period;
    public int Samples { get; private set; }
    public bool IsReady => Samples >= Period;
    public double Middle { get; private set; } = double.NaN;
    public double Upper { get; private set; } = double.NaN;
    public double Lower { get; private set; } = double.NaN;

    /// <summary>Population standard deviation of the window (the band half-width is k times this), NaN before ready.</summary>
    public double StandardDeviation { get; private set; } = double.NaN;

    public void Update(double value)
    {
        if (double.IsNaN(_shift)) _shift = value;
        double x = value - _shift;
        double old = Samples >= Period ? _window[_next] : 0;
        _sum += x - old;
        _sumSquares += x * x - old * old;
        _window[_next] = x;
        _next = _next + 1 == Period ? 0 : _next + 1;
        Samples++;
        if (!IsReady) return;
        if (_next == 0 && Samples % (Period * 64) == 0) Resum();
        double mean = _sum / Period;
        double variance = Math.Max(0, _sumSquares / Period - mean * mean);
        StandardDeviation = Math.Sqrt(variance);
        double width = StandardDeviations * StandardDeviation;
        Middle = _shift + mean;
        Upper = Middle + width;
        Lower = Middle - width;
    }

    public void Reset()
    {
        Array.Clear(_window);
        _next = 0;
        Samples = 0;
        _shift = double.NaN;
        _sum = _sumSquares = 0;
        Middle = Upper = Lower = StandardDeviation = double.NaN;
    }

    private void Resum()
    {
        _sum = _sumSquares = 0;
        foreach (double x in _window)
        {
            _sum += x;
            _sumSquares += x * x;
        }
    }
}
