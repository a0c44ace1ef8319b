using System.Runtime.CompilerServices;
using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.MacdCrossover;

/// <summary>
/// macd_crossover from the fast and slow EMA series computed once per period; the MACD line, its signal-line EMA and
/// the crossover scan are per cell, in one tight loop. (Keeping the line per (fast, slow) does not pay: in a
/// fast x slow grid each line serves one cell, and the subtraction is cheaper than reading a stored line.)
/// </summary>
internal sealed class MacdCrossoverKernel(BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "fast_period", "slow_period", "signal_period");

    // Fully optimised at once: a grid calls this a few dozen times, each a long loop, mostly before tiering would catch up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        double[] fast = Ema(parameters.GetInt("fast_period"));
        double[] slow = Ema(parameters.GetInt("slow_period"));
        int signalPeriod = parameters.GetInt("signal_period");
        signals.Clear();
        // The line is defined from the bar both EMAs are ready on, then on every bar (EMAs of finite prices).
        int fastStart = fast.AsSpan().IndexOfAnyExcept(double.NaN), slowStart = slow.AsSpan().IndexOfAnyExcept(double.NaN);
        if (fastStart < 0 || slowStart < 0) return;
        int start = Math.Max(fastStart, slowStart);
        int ready = start + signalPeriod - 1;
        if (ready >= fast.Length) return;
        // The signal-line EMA with ExponentialMovingAverage's arithmetic: the mean of its first signal_period values,
        // then value += alpha * (line - value); crosses are scanned from the bar it is ready on.
        double alpha = 2.0 / (signalPeriod + 1);
        double seed = 0;
        for (int i = start; i < ready; i++) seed += fast[i] - slow[i];
        double line = fast[ready] - slow[ready];
        double value = (seed + line) / signalPeriod;
        var tracker = new CrossoverTracker();
        signals[ready] = tracker.Next(Math.Sign(line - value));
        for (int i = ready + 1; i < fast.Length; i++)
        {
            line = fast[i] - slow[i];
            value += alpha * (line - value);
            signals[i] = tracker.Next(Math.Sign(line - value));
        }
    }

    private double[] Ema(int period) => cache.GetOrAdd($"ema:{period}", bars.Count, () => IndicatorSeries.Ema(bars.Close, period));
}
