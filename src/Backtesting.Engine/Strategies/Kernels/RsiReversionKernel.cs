using System.Runtime.CompilerServices;
using Backtesting.Engine.Data;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>rsi_reversion from an RSI series computed once per period; the levels are per cell.</summary>
internal sealed class RsiReversionKernel(BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "period", "oversold", "overbought");

    // Fully optimised at once: a grid calls this a few dozen times, each a long loop, mostly before tiering would catch up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        int period = parameters.GetInt("period");
        double oversold = parameters.GetDouble("oversold"), overbought = parameters.GetDouble("overbought");
        double[] rsi = cache.GetOrAdd($"rsi:{period}", bars.Count, () => IndicatorSeries.Rsi(bars.Close, period));
        CrossoverTracker low = new(), high = new();
        for (int i = 0; i < rsi.Length; i++)
        {
            sbyte signal = 0;
            double value = rsi[i];
            if (!double.IsNaN(value))
            {
                if (low.Next(Math.Sign(value - oversold)) < 0) signal = 1;
                if (high.Next(Math.Sign(value - overbought)) > 0) signal = -1;
            }
            signals[i] = signal;
        }
    }
}
