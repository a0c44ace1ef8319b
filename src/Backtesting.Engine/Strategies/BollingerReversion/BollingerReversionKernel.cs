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

    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        var cell = Cell(parameters);
        ReversionScan.Run(bars.Close, cell.Levels, cell.Start, signals);
    }

    public void GenerateMany(ReadOnlySpan<ParameterSet> parameters, ReadOnlySpan<sbyte[]> signals) => CellTiles.Run(bars.Count, parameters, Cell, signals);

    private Scan Cell(ParameterSet parameters)
    {
        int period = parameters.GetInt("period");
        double k = parameters.GetDouble("num_std");
        int n = bars.Count;
        double[] series = cache.GetOrAdd($"bollinger:{period}", 2 * n, () => IndicatorSeries.BollingerMiddleAndDeviation(bars.Close, period));
        // The bands are defined from the first bar with a middle on (NaN before: the indicator's IsReady).
        int start = series.AsSpan(0, n).IndexOfAnyExcept(double.NaN);
        return new Scan { Close = bars.Close, Levels = new BandLevels(series, n, k), Start = start < 0 ? n : start };
    }

    /// <summary>One cell's scan: its bands, the first defined bar, and the sides carried from tile to tile.</summary>
    private struct Scan : ITiledScan
    {
        public double[] Close;
        public BandLevels Levels;
        public int Start, LastLow, LastHigh;

        readonly int ITiledScan.Start => Start;

        public void Range(int from, int to, sbyte[] signals) => ReversionScan.Range(Close, Levels, from, to, ref LastLow, ref LastHigh, signals);
    }
}
