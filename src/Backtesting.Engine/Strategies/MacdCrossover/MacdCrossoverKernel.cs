using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.MacdCrossover;

/// <summary>
/// macd_crossover from the fast and slow EMA series computed once per period; the MACD line, its signal-line EMA and
/// the crossover scan are per cell, in one tight loop. (Keeping the line per (fast, slow) does not pay: in a
/// fast x slow grid each line serves one cell, and the subtraction is cheaper than reading a stored line.) The
/// signal EMA is a recurrence (sub, mul, add per bar), so one cell is bound by its latency; a grid hands four
/// cells at once (<see cref="GenerateMany"/>) and they run in the lanes of one vector with each lane's arithmetic
/// exactly the single cell's.
/// </summary>
internal sealed class MacdCrossoverKernel(BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    private const int Lanes = 4;

    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "fast_period", "slow_period", "signal_period");

    public int BatchWidth => Lanes;

    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        var cell = Start(parameters, signals);
        if (cell.Ready < 0) return;
        double value = cell.Value;
        int last = cell.Last;
        Continue(cell, ref value, ref last, cell.Ready + 1, cell.Fast.Length, signals);
    }

    /// <summary>Four cells side by side from the bar all four signal lines are ready on; other counts one at a time.</summary>
    // Fully optimised at once: a grid calls this a few dozen times, each a long loop, mostly before tiering would catch up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void GenerateMany(ReadOnlySpan<ParameterSet> parameters, ReadOnlySpan<sbyte[]> signals)
    {
        if (parameters.Length != Lanes || !Vector256.IsHardwareAccelerated)
        {
            for (int k = 0; k < parameters.Length; k++) Generate(parameters[k], signals[k]);
            return;
        }
        int n = bars.Count;
        Span<Cell> cells = [default, default, default, default];
        int common = 0;
        for (int k = 0; k < Lanes; k++)
        {
            cells[k] = Start(parameters[k], signals[k].AsSpan(0, n));
            common = Math.Max(common, cells[k].Ready);
        }
        // a cell without a ready signal line keeps its zeros: the batch runs one at a time
        foreach (var cell in cells)
            if (cell.Ready < 0)
            {
                for (int k = 0; k < Lanes; k++) Generate(parameters[k], signals[k]);
                return;
            }
        // each cell alone up to the common ready bar, then all four per bar
        Span<double> values = stackalloc double[Lanes];
        Span<int> last = stackalloc int[Lanes];
        for (int k = 0; k < Lanes; k++)
        {
            double value = cells[k].Value;
            last[k] = cells[k].Last;
            Continue(cells[k], ref value, ref last[k], cells[k].Ready + 1, common + 1, signals[k]);
            values[k] = value;
        }
        double[] f0 = cells[0].Fast, f1 = cells[1].Fast, f2 = cells[2].Fast, f3 = cells[3].Fast;
        double[] s0 = cells[0].Slow, s1 = cells[1].Slow, s2 = cells[2].Slow, s3 = cells[3].Slow;
        sbyte[] o0 = signals[0], o1 = signals[1], o2 = signals[2], o3 = signals[3];
        if (f0.Length != n || f1.Length != n || f2.Length != n || f3.Length != n || s0.Length != n || s1.Length != n
            || s2.Length != n || s3.Length != n || o0.Length < n || o1.Length < n || o2.Length < n || o3.Length < n)
            throw new ArgumentException("series and signals differ in length");
        var alpha = Vector256.Create(cells[0].Alpha, cells[1].Alpha, cells[2].Alpha, cells[3].Alpha);
        var valueV = Vector256.Create(values[0], values[1], values[2], values[3]);
        // the recurrences without a branch: each bar's signs of line - signal go to a byte (bit k: lane k above, bit
        // 4 + k: below), then each lane's crosses are found in those bytes
        var signs = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            for (int i = common + 1; i < n; i++)
            {
                var line = Vector256.Create(f0[i], f1[i], f2[i], f3[i]) - Vector256.Create(s0[i], s1[i], s2[i], s3[i]);
                valueV += alpha * (line - valueV);
                var d = line - valueV;
                uint positive = Vector256.GreaterThan(d, Vector256<double>.Zero).ExtractMostSignificantBits();
                uint negative = Vector256.LessThan(d, Vector256<double>.Zero).ExtractMostSignificantBits();
                signs[i] = (byte)(positive | negative << Lanes);
            }
            for (int k = 0; k < Lanes; k++)
                CrossoverScan.MarkLane(signs.AsSpan(0, n), k, Lanes, common + 1, ref last[k], signals[k]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signs);
        }
    }

    /// <summary>
    /// Clears the signals and works out one cell up to the bar its signal line is ready on (Ready -1: never). The
    /// signal-line EMA has ExponentialMovingAverage's arithmetic: the mean of its first signal_period values, then
    /// value += alpha * (line - value); crosses are scanned from the bar it is ready on.
    /// </summary>
    private Cell Start(ParameterSet parameters, Span<sbyte> signals)
    {
        double[] fast = Ema(parameters.GetInt("fast_period"));
        double[] slow = Ema(parameters.GetInt("slow_period"));
        int signalPeriod = parameters.GetInt("signal_period");
        signals.Clear();
        // The line is defined from the bar both EMAs are ready on, then on every bar (EMAs of finite prices).
        int fastStart = fast.AsSpan().IndexOfAnyExcept(double.NaN), slowStart = slow.AsSpan().IndexOfAnyExcept(double.NaN);
        if (fastStart < 0 || slowStart < 0) return new Cell(fast, slow, 0, -1, 0, 0);
        int start = Math.Max(fastStart, slowStart);
        int ready = start + signalPeriod - 1;
        if (ready >= fast.Length) return new Cell(fast, slow, 0, -1, 0, 0);
        double seed = 0;
        for (int i = start; i < ready; i++) seed += fast[i] - slow[i];
        double line = fast[ready] - slow[ready];
        double value = (seed + line) / signalPeriod;
        int last = 0;
        CrossoverScan.Mark(Math.Sign(line - value), ref last, signals, ready);
        return new Cell(fast, slow, 2.0 / (signalPeriod + 1), ready, value, last);
    }

    /// <summary>One cell's signal line and crosses on bars [from, to).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Continue(in Cell cell, ref double value, ref int last, int from, int to, Span<sbyte> signals)
    {
        double[] fast = cell.Fast, slow = cell.Slow;
        double alpha = cell.Alpha;
        for (int i = from; i < to; i++)
        {
            double line = fast[i] - slow[i];
            value += alpha * (line - value);
            CrossoverScan.Mark(Math.Sign(line - value), ref last, signals, i);
        }
    }

    /// <summary>Every fast and slow period's EMA series, four periods per pass.</summary>
    public IReadOnlyList<Action> Prepare(ReadOnlySpan<ParameterSet> parameters)
    {
        var periods = new List<int>(2 * parameters.Length);
        foreach (var p in parameters) periods.AddRange([p.GetInt("fast_period"), p.GetInt("slow_period")]);
        return PeriodSeries.Ema.Prepare(cache, bars.Close, periods);
    }

    private double[] Ema(int period) => PeriodSeries.Ema.Get(cache, bars.Close, period);

    /// <summary>A cell at its ready bar: its EMA series, signal-line alpha, the ready bar (-1: never), the signal line's value there and the last non-zero side of line - signal.</summary>
    private readonly record struct Cell(double[] Fast, double[] Slow, double Alpha, int Ready, double Value, int Last);
}
