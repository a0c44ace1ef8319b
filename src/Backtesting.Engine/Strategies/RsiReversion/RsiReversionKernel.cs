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

    public void Generate(ParameterSet parameters, Span<sbyte> signals) => Cell(parameters).Run(signals);

    public void GenerateMany(ReadOnlySpan<ParameterSet> parameters, ReadOnlySpan<sbyte[]> signals) => CellTiles.Run(bars.Count, parameters, Cell, signals);

    /// <summary>Every period's RSI series, four periods per pass.</summary>
    public IReadOnlyList<Action> Prepare(ReadOnlySpan<ParameterSet> parameters)
    {
        var periods = new List<int>(parameters.Length);
        foreach (var p in parameters) periods.Add(p.GetInt("period"));
        return PeriodSeries.Rsi.Prepare(cache, bars.Close, periods);
    }

    private ReversionCellScan<ConstantLevels> Cell(ParameterSet parameters)
    {
        int period = parameters.GetInt("period");
        double oversold = parameters.GetDouble("oversold"), overbought = parameters.GetDouble("overbought");
        double[] rsi = PeriodSeries.Rsi.Get(cache, bars.Close, period);
        // RSI is defined from its first value on (NaN before: the indicator's IsReady).
        int start = rsi.AsSpan().IndexOfAnyExcept(double.NaN);
        return new(rsi, new ConstantLevels(oversold, overbought), start < 0 ? rsi.Length : start);
    }
}
