using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.EmaCrossover;

/// <summary>
/// ema_crossover from EMA series computed once per period (a grid's four periods per pass). A grid's batch of cells is
/// scanned tile by tile (<see cref="CellTiles"/>): cells of one fast period read its series once.
/// </summary>
internal sealed class EmaCrossoverKernel(BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "fast_period", "slow_period");

    public int BatchWidth => CellTiles.Width;

    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        var cell = Cell(parameters);
        CrossoverScan.Run(cell.Fast, cell.Slow, cell.Start, signals);
    }

    public void GenerateMany(ReadOnlySpan<ParameterSet> parameters, ReadOnlySpan<sbyte[]> signals) => CellTiles.Run(bars.Count, parameters, Cell, signals);

    /// <summary>Every fast and slow period's series, four periods per pass.</summary>
    public IReadOnlyList<Action> Prepare(ReadOnlySpan<ParameterSet> parameters)
    {
        var periods = new List<int>(2 * parameters.Length);
        foreach (var p in parameters) periods.AddRange([p.GetInt("fast_period"), p.GetInt("slow_period")]);
        return PeriodSeries.Ema.Prepare(cache, bars.Close, periods);
    }

    private Scan Cell(ParameterSet parameters)
    {
        int fastPeriod = parameters.GetInt("fast_period"), slowPeriod = parameters.GetInt("slow_period");
        // both EMAs are defined from bar max(periods) - 1 on, as the indicators' IsReady
        int start = Math.Min(Math.Max(fastPeriod, slowPeriod) - 1, bars.Count);
        return new Scan { Fast = Ema(fastPeriod), Slow = Ema(slowPeriod), Start = start };
    }

    private double[] Ema(int period) => PeriodSeries.Ema.Get(cache, bars.Close, period);

    /// <summary>One cell's scan: its two series, the first defined bar, and the side carried from tile to tile.</summary>
    private struct Scan : ITiledScan
    {
        public double[] Fast, Slow;
        public int Start, Last;

        readonly int ITiledScan.Start => Start;

        public void Range(int from, int to, sbyte[] signals) => CrossoverScan.Range(Fast, Slow, from, to, ref Last, signals);
    }
}
