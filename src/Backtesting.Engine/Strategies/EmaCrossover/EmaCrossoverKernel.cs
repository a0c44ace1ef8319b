using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.EmaCrossover;

/// <summary>ema_crossover from EMA series computed once per period.</summary>
internal sealed class EmaCrossoverKernel(BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "fast_period", "slow_period");

    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        int fastPeriod = parameters.GetInt("fast_period"), slowPeriod = parameters.GetInt("slow_period");
        // both EMAs are defined from bar max(periods) - 1 on, as the indicators' IsReady
        CrossoverScan.Run(Ema(fastPeriod), Ema(slowPeriod), Math.Max(fastPeriod, slowPeriod) - 1, signals);
    }

    /// <summary>Every fast and slow period's series, four periods per pass.</summary>
    public IReadOnlyList<Action> Prepare(ReadOnlySpan<ParameterSet> parameters)
    {
        var periods = new List<int>(2 * parameters.Length);
        foreach (var p in parameters) periods.AddRange([p.GetInt("fast_period"), p.GetInt("slow_period")]);
        return PeriodSeries.Ema.Prepare(cache, bars.Close, periods);
    }

    private double[] Ema(int period) => PeriodSeries.Ema.Get(cache, bars.Close, period);
}
