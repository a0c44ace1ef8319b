using System.Runtime.CompilerServices;
using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.MacdCrossover;

/// <summary>
/// macd_crossover from the MACD line (fast EMA - slow EMA) computed once per (fast, slow) and shared by every signal
/// period; the signal-line EMA and the crossover scan are per cell, in one tight loop.
/// </summary>
internal sealed class MacdCrossoverKernel(BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "fast_period", "slow_period", "signal_period");

    // Fully optimised at once: a grid calls this a few dozen times, each a long loop, mostly before tiering would catch up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        int fastPeriod = parameters.GetInt("fast_period"), slowPeriod = parameters.GetInt("slow_period"), signalPeriod = parameters.GetInt("signal_period");
        double[] line = cache.GetOrAdd($"macd:{fastPeriod}:{slowPeriod}", bars.Count, () => Line(fastPeriod, slowPeriod));
        signals.Clear();
        // The line is defined from the bar both EMAs are ready on, then on every bar (EMAs of finite prices).
        int start = line.AsSpan().IndexOfAnyExcept(double.NaN);
        int ready = start + signalPeriod - 1;
        if (start < 0 || ready >= line.Length) return;
        // The signal-line EMA with ExponentialMovingAverage's arithmetic: the mean of its first signal_period values,
        // then value += alpha * (x - value); the cross is scanned from the bar it is ready on.
        double alpha = 2.0 / (signalPeriod + 1);
        double seed = 0;
        for (int i = start; i < ready; i++) seed += line[i];
        double value = (seed + line[ready]) / signalPeriod;
        var tracker = new CrossoverTracker();
        signals[ready] = tracker.Next(Math.Sign(line[ready] - value));
        for (int i = ready + 1; i < line.Length; i++)
        {
            value += alpha * (line[i] - value);
            signals[i] = tracker.Next(Math.Sign(line[i] - value));
        }
    }

    /// <summary>fast EMA - slow EMA where both are ready, NaN before.</summary>
    private double[] Line(int fastPeriod, int slowPeriod)
    {
        double[] fast = Ema(fastPeriod), slow = Ema(slowPeriod);
        var line = new double[fast.Length];
        for (int i = 0; i < line.Length; i++)
            line[i] = double.IsNaN(fast[i]) || double.IsNaN(slow[i]) ? double.NaN : fast[i] - slow[i];
        return line;
    }

    private double[] Ema(int period) => cache.GetOrAdd($"ema:{period}", bars.Count, () => IndicatorSeries.Ema(bars.Close, period));
}
