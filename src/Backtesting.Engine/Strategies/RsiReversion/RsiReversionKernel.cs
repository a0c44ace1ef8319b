using System.Buffers;
using System.Runtime.CompilerServices;
using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.RsiReversion;

/// <summary>rsi_reversion from an RSI series computed once per period; the levels are per cell, scanned four bars at a time.</summary>
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
        int n = rsi.Length;
        // RSI is defined from its first value on (NaN before: the indicator's IsReady).
        int start = rsi.AsSpan().IndexOfAnyExcept(double.NaN);
        if (start < 0) start = n;
        var low = ArrayPool<double>.Shared.Rent(n);
        var high = ArrayPool<double>.Shared.Rent(n);
        try
        {
            low.AsSpan(0, n).Fill(oversold);
            high.AsSpan(0, n).Fill(overbought);
            CrossoverScan.Reversion(rsi, low.AsSpan(0, n), high.AsSpan(0, n), start, signals);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(low);
            ArrayPool<double>.Shared.Return(high);
        }
    }
}
