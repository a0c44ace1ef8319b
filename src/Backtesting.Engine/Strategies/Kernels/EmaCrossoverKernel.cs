using Backtesting.Engine.Data;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>ema_crossover from EMA series computed once per period.</summary>
internal sealed class EmaCrossoverKernel(BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "fast_period", "slow_period");

    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        double[] fast = Ema(parameters.GetInt("fast_period"));
        double[] slow = Ema(parameters.GetInt("slow_period"));
        var tracker = new CrossoverTracker();
        for (int i = 0; i < fast.Length; i++)
            signals[i] = !double.IsNaN(fast[i]) && !double.IsNaN(slow[i]) ? tracker.Next(Math.Sign(fast[i] - slow[i])) : (sbyte)0;
    }

    private double[] Ema(int period) => cache.GetOrAdd($"ema:{period}", bars.Count, () => IndicatorSeries.Ema(bars.Close, period));
}
