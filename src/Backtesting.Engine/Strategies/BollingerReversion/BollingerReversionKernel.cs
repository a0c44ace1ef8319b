using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.BollingerReversion;

/// <summary>
/// bollinger_reversion from the middle band and window deviation computed once per period; the width k is per
/// cell: the cell's bands are computed where the scan reads them, four bars at a time.
/// </summary>
internal sealed class BollingerReversionKernel(BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "period", "num_std");

    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        int period = parameters.GetInt("period");
        double k = parameters.GetDouble("num_std");
        int n = bars.Count;
        double[] series = cache.GetOrAdd($"bollinger:{period}", 2 * n, () => IndicatorSeries.BollingerMiddleAndDeviation(bars.Close, period));
        // The bands are defined from the first bar with a middle on (NaN before: the indicator's IsReady).
        int start = series.AsSpan(0, n).IndexOfAnyExcept(double.NaN);
        if (start < 0) start = n;
        ReversionScan.Run(bars.Close, new BandLevels(series, n, k), start, signals);
    }
}
