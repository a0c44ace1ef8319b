using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.DonchianBreakout;

/// <summary>
/// donchian_breakout from channel series computed once per period. A grid's batch of cells is scanned tile by tile
/// (<see cref="CellTiles"/>): cells of one entry period read the closes and its channel once.
/// </summary>
internal sealed class DonchianBreakoutKernel(BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "entry_period", "exit_period");

    public int BatchWidth => CellTiles.Width;

    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        var (upper, lower) = Channels(parameters);
        Range(bars.Close, upper, lower, 0, bars.Count, signals);
    }

    public void GenerateMany(ReadOnlySpan<ParameterSet> parameters, ReadOnlySpan<sbyte[]> signals)
    {
        var channels = new (double[] Upper, double[] Lower)[parameters.Length];
        for (int k = 0; k < channels.Length; k++) channels[k] = Channels(parameters[k]);
        var outputs = signals.ToArray();
        double[] close = bars.Close;
        CellTiles.Run(bars.Count, channels.Length, (k, from, to) => Range(close, channels[k].Upper, channels[k].Lower, from, to, outputs[k]));
    }

    /// <summary>Every entry period's upper and exit period's lower channel, one part each (each computation takes two scratch arrays).</summary>
    public IReadOnlyList<Action> Prepare(ReadOnlySpan<ParameterSet> parameters)
    {
        var channels = new List<(string, Func<double[]>)>(2 * parameters.Length);
        foreach (var p in parameters) channels.AddRange([Upper(p.GetInt("entry_period")), Lower(p.GetInt("exit_period"))]);
        return SeriesPreparation.Parts(cache, bars.Count, channels, scratchPerPart: 2);
    }

    private (double[] Upper, double[] Lower) Channels(ParameterSet parameters)
    {
        var (upperKey, upper) = Upper(parameters.GetInt("entry_period"));
        var (lowerKey, lower) = Lower(parameters.GetInt("exit_period"));
        return (cache.GetOrAdd(upperKey, bars.Count, upper), cache.GetOrAdd(lowerKey, bars.Count, lower));
    }

    private (string Key, Func<double[]> Compute) Upper(int period) => ($"donchian_high:{period}", () => IndicatorSeries.DonchianBeforeBar(bars, period, upper: true));

    private (string Key, Func<double[]> Compute) Lower(int period) => ($"donchian_low:{period}", () => IndicatorSeries.DonchianBeforeBar(bars, period, upper: false));

    /// <summary>The signals of bars [from, to) (each bar's depends on that bar alone).</summary>
    // Fully optimised at once: a grid calls this a few hundred times, mostly before tiering would catch up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Range(double[] close, double[] upper, double[] lower, int from, int to, Span<sbyte> signals)
    {
        int n = to, i = from;
        if (close.Length < to || upper.Length < to || lower.Length < to || signals.Length < to) throw new ArgumentException("the range is outside the series or signals");
        // four bars per compare, their four signals written at once from the two 4-bit masks (no branch per bar)
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= n; i += 4)
            {
                var c = Vector256.Create(close.AsSpan(i, 4));
                uint above = Vector256.GreaterThan(c, Vector256.Create(upper.AsSpan(i, 4))).ExtractMostSignificantBits();
                uint below = Vector256.LessThan(c, Vector256.Create(lower.AsSpan(i, 4))).ExtractMostSignificantBits();
                FourSignals.Write(signals, i, above, below, buyWins: true);
            }
        }
        for (; i < n; i++)
        {
            // a break of the entry channel wins over one of the exit channel on the same bar
            signals[i] = close[i] > upper[i] ? (sbyte)1 : close[i] < lower[i] ? (sbyte)-1 : (sbyte)0;
        }
    }
}
