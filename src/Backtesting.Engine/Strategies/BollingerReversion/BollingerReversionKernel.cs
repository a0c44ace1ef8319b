using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.BollingerReversion;

/// <summary>
/// bollinger_reversion from the middle band and window deviation computed once per period; the width k is per
/// cell: the cell's bands are computed where the scan reads them, four bars at a time. A grid's batch of cells is
/// scanned tile by tile (<see cref="CellTiles"/>): cells of one period read the closes and its series once.
/// </summary>
internal sealed class BollingerReversionKernel(BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "period", "num_std");

    public int BatchWidth => CellTiles.Width;

    public void Generate(ParameterSet parameters, Span<sbyte> signals) => Cell(parameters).Run(signals);

    public void GenerateMany(ReadOnlySpan<ParameterSet> parameters, ReadOnlySpan<sbyte[]> signals) => CellTiles.Run(bars.Count, parameters, Cell, signals);

    /// <summary>Every period's middle band and deviation, one part each.</summary>
    public IReadOnlyList<Action> Prepare(ReadOnlySpan<ParameterSet> parameters)
    {
        var series = new List<(string, Func<double[]>)>(parameters.Length);
        foreach (var p in parameters) series.Add(Bands(p.GetInt("period")));
        return SeriesPreparation.Parts(cache, 2 * bars.Count, series);
    }

    private ReversionCellScan<BandLevels> Cell(ParameterSet parameters)
    {
        int period = parameters.GetInt("period");
        double k = parameters.GetDouble("num_std");
        int n = bars.Count;
        var (key, compute) = Bands(period);
        double[] series = cache.GetOrAdd(key, 2 * n, compute);
        // The bands are defined from the first bar with a middle on (NaN before: the indicator's IsReady).
        int start = series.AsSpan(0, n).IndexOfAnyExcept(double.NaN);
        return new(bars.Close, new BandLevels(series, n, k), start < 0 ? n : start);
    }

    /// <summary>The middle band in [0, n) and the window deviation in [n, 2n) of one period.</summary>
    private (string Key, Func<double[]> Compute) Bands(int period) => ($"bollinger:{period}", () => IndicatorSeries.BollingerMiddleAndDeviation(bars.Close, period));
}
