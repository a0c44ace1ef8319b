using System.Runtime.CompilerServices;
using Backtesting.Engine.Data;
using Backtesting.Engine.Indicators;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.MacdCrossover;

/// <summary>macd_crossover from the fast and slow EMA series computed once per period; the signal-line EMA is per cell.</summary>
internal sealed class MacdCrossoverKernel(BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "fast_period", "slow_period", "signal_period");

    // Fully optimised at once: a grid calls this a few dozen times, each a long loop, mostly before tiering would catch up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        double[] fast = Ema(parameters.GetInt("fast_period"));
        double[] slow = Ema(parameters.GetInt("slow_period"));
        var signalLine = new ExponentialMovingAverage(parameters.GetInt("signal_period"));
        var tracker = new CrossoverTracker();
        for (int i = 0; i < fast.Length; i++)
        {
            sbyte signal = 0;
            if (!double.IsNaN(fast[i]) && !double.IsNaN(slow[i]))
            {
                // the same updates as MovingAverageConvergenceDivergence: the line feeds the signal EMA once both EMAs are ready
                double line = fast[i] - slow[i];
                signalLine.Update(line);
                if (signalLine.IsReady) signal = tracker.Next(Math.Sign(line - signalLine.Value));
            }
            signals[i] = signal;
        }
    }

    private double[] Ema(int period) => cache.GetOrAdd($"ema:{period}", bars.Count, () => IndicatorSeries.Ema(bars.Close, period));
}
