using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.RsiReversion;

/// <summary>
/// rsi_reversion from an RSI series computed once per period; the levels are per cell, scanned four bars at a time. A
/// grid's batch of cells is scanned tile by tile (<see cref="CellTiles"/>): cells of one period read its series once.
/// </summary>
internal sealed class RsiReversionKernel(BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "period", "oversold", "overbought");

    public int BatchWidth => CellTiles.Width;

    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        var cell = Cell(parameters);
        ReversionScan.Run(cell.Rsi, cell.Levels, cell.Start, signals);
    }

    public void GenerateMany(ReadOnlySpan<ParameterSet> parameters, ReadOnlySpan<sbyte[]> signals) => CellTiles.Run(bars.Count, parameters, Cell, signals);

    /// <summary>Every period's RSI series, four periods per pass.</summary>
    public IReadOnlyList<Action> Prepare(ReadOnlySpan<ParameterSet> parameters)
    {
        var periods = new List<int>(parameters.Length);
        foreach (var p in parameters) periods.Add(p.GetInt("period"));
        return PeriodSeries.Rsi.Prepare(cache, bars.Close, periods);
    }

    private Scan Cell(ParameterSet parameters)
    {
        int period = parameters.GetInt("period");
        double oversold = parameters.GetDouble("oversold"), overbought = parameters.GetDouble("overbought");
        double[] rsi = PeriodSeries.Rsi.Get(cache, bars.Close, period);
        // RSI is defined from its first value on (NaN before: the indicator's IsReady).
        int start = rsi.AsSpan().IndexOfAnyExcept(double.NaN);
        return new Scan { Rsi = rsi, Levels = new ConstantLevels(oversold, overbought), Start = start < 0 ? rsi.Length : start };
    }

    /// <summary>One cell's scan: its series and levels, the first defined bar, and the sides carried from tile to tile.</summary>
    private struct Scan : ITiledScan
    {
        public double[] Rsi;
        public ConstantLevels Levels;
        public int Start, LastLow, LastHigh;

        readonly int ITiledScan.Start => Start;

        public void Range(int from, int to, sbyte[] signals) => ReversionScan.Range(Rsi, Levels, from, to, ref LastLow, ref LastHigh, signals);
    }
}
