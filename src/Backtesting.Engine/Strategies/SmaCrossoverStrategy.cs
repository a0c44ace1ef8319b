using Backtesting.Engine.Data;
using Backtesting.Engine.Internal;

namespace Backtesting.Engine.Strategies;

/// <summary>
/// Bullish when the fast simple moving average of closes crosses above the slow one, bearish on the
/// cross below. Averages are compared exactly: window sums of integer-scaled prices, as
/// sum_fast x n_slow vs sum_slow x n_fast, so ties in the data are ties here.
/// </summary>
public sealed class SmaCrossoverStrategy : IStrategy
{
    public SmaCrossoverStrategy(int fastPeriod, int slowPeriod)
    {
        Guard.Positive(fastPeriod);
        Guard.Positive(slowPeriod);
        FastPeriod = fastPeriod;
        SlowPeriod = slowPeriod;
    }

    public int FastPeriod { get; }
    public int SlowPeriod { get; }
    public int WarmUpPeriod => Math.Max(FastPeriod, SlowPeriod);

    public void GenerateSignals(BarSeries bars, Span<sbyte> signals)
    {
        long[] scaled = System.Buffers.ArrayPool<long>.Shared.Rent(bars.Count);
        try
        {
            PriceScale.ToScaled(bars.Close, bars.PriceDecimals, scaled);
            WindowSums.Crossovers(scaled.AsSpan(0, bars.Count), FastPeriod, SlowPeriod, signals);
        }
        finally
        {
            System.Buffers.ArrayPool<long>.Shared.Return(scaled);
        }
    }
}
