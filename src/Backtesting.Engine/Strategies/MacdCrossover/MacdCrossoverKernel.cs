using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.MacdCrossover;

/// <summary>
/// macd_crossover from the fast and slow EMA series computed once per period; the MACD line, its signal-line EMA and
/// the crossover scan are per cell, in one tight loop. (Keeping the line per (fast, slow) does not pay: in a
/// fast x slow grid each line serves one cell, and the subtraction is cheaper than reading a stored line.) The
/// signal EMA is a recurrence (sub, mul, add per bar), so one cell is bound by its latency; a grid hands several
/// cells at once (<see cref="GenerateMany"/>) and they run in the lanes of one vector with each lane's arithmetic
/// exactly the single cell's: eight per 512-bit vector where the hardware has it (their crosses found in the same
/// loop), else four per 256-bit vector, else one at a time.
/// </summary>
/// <param name="bars">The series every cell runs on.</param>
/// <param name="cache">The EMA series shared by the cells.</param>
/// <param name="maxLanes">The widest batch to use (tests pin the narrower paths on any hardware).</param>
internal sealed class MacdCrossoverKernel(BarSeries bars, IndicatorSeriesCache cache, int maxLanes = MacdCrossoverKernel.WideLanes) : ISignalKernel
{
    /// <summary>Cells per 512-bit vector.</summary>
    public const int WideLanes = 8;

    /// <summary>Cells per 256-bit vector.</summary>
    private const int Lanes = 4;

    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "fast_period", "slow_period", "signal_period");

    /// <summary>Eight cells where 512-bit vectors are (x86-64-v4), four where 256-bit ones are, else one.</summary>
    public int BatchWidth { get; } =
        Math.Min(Math.Max(1, maxLanes), Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? WideLanes : Vector256.IsHardwareAccelerated ? Lanes : 1);

    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        var cell = Start(parameters, signals);
        if (cell.Ready >= 0) Finish(cell, signals);
    }

    /// <summary>
    /// Up to <see cref="BatchWidth"/> cells side by side from the bar all their signal lines are ready on; a cell whose
    /// line is never ready keeps its zeros, and lanes left over (fewer cells than lanes) repeat a cell into scratch.
    /// More cells than lanes, or one, go one at a time.
    /// </summary>
    // Fully optimised at once: a grid calls this a few dozen times, each a long loop, mostly before tiering would catch up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void GenerateMany(ReadOnlySpan<ParameterSet> parameters, ReadOnlySpan<sbyte[]> signals)
    {
        int n = bars.Count;
        if (parameters.Length < 2 || parameters.Length > BatchWidth)
        {
            for (int k = 0; k < parameters.Length; k++) Generate(parameters[k], signals[k]);
            return;
        }
        var cells = new List<(Cell Cell, sbyte[] Signals)>(parameters.Length);
        for (int k = 0; k < parameters.Length; k++)
        {
            if (signals[k].Length < n) throw new ArgumentException("signals are shorter than the series", nameof(signals));
            var cell = Start(parameters[k], signals[k].AsSpan(0, n));
            if (cell.Ready >= 0) cells.Add((cell, signals[k]));
        }
        if (cells.Count == 0) return;
        int lanes = BatchWidth == WideLanes && cells.Count > 1 ? WideLanes : cells.Count > 1 ? Lanes : 1;
        if (lanes == 1)
        {
            foreach (var (cell, output) in cells) Finish(cell, output);
            return;
        }
        // each cell alone up to the common ready bar, then all of them per bar
        int common = 0;
        foreach (var (cell, _) in cells) common = Math.Max(common, cell.Ready);
        var states = new Lane[lanes];
        sbyte[]? scratch = cells.Count < lanes ? ArrayPool<sbyte>.Shared.Rent(n) : null;
        try
        {
            for (int k = 0; k < lanes; k++)
            {
                // a spare lane repeats the first cell into scratch (its arithmetic is that cell's; nothing reads it)
                var (cell, output) = k < cells.Count ? cells[k] : (cells[0].Cell, scratch!);
                double value = cell.Value;
                int last = cell.Last;
                Continue(cell, ref value, ref last, cell.Ready + 1, common + 1, output);
                states[k] = new Lane(cell.Fast, cell.Slow, cell.Alpha, value, last, output);
            }
            if (common + 1 < n)
            {
                if (lanes == WideLanes) RunEight(states, common + 1, n);
                else RunFour(states, common + 1, n);
            }
        }
        finally
        {
            if (scratch is not null) ArrayPool<sbyte>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Eight lanes on bars [from, n): the line, the signal-line recurrence and each lane's crossover rule
    /// (<see cref="CrossoverScan.Mark"/>: a non-zero side opposite the last non-zero one crosses) as vector operations, so
    /// every bar's eight signals come out of one narrowing and eight byte stores, without a branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunEight(Lane[] states, int from, int n)
    {
        if (!Avx512F.IsSupported) throw new PlatformNotSupportedException("eight MACD lanes need AVX-512");
        // every array is checked to hold n values here, so the loop reads and writes through references without a
        // bounds check per access (24 per bar, about as many instructions as the arithmetic)
        foreach (var lane in states)
            if (lane.Fast.Length < n || lane.Slow.Length < n || lane.Signals.Length < n)
                throw new ArgumentException("series and signals differ in length");
        ref double f0 = ref Data(states[0].Fast), f1 = ref Data(states[1].Fast), f2 = ref Data(states[2].Fast), f3 = ref Data(states[3].Fast),
            f4 = ref Data(states[4].Fast), f5 = ref Data(states[5].Fast), f6 = ref Data(states[6].Fast), f7 = ref Data(states[7].Fast);
        ref double s0 = ref Data(states[0].Slow), s1 = ref Data(states[1].Slow), s2 = ref Data(states[2].Slow), s3 = ref Data(states[3].Slow),
            s4 = ref Data(states[4].Slow), s5 = ref Data(states[5].Slow), s6 = ref Data(states[6].Slow), s7 = ref Data(states[7].Slow);
        ref sbyte o0 = ref Data(states[0].Signals), o1 = ref Data(states[1].Signals), o2 = ref Data(states[2].Signals), o3 = ref Data(states[3].Signals),
            o4 = ref Data(states[4].Signals), o5 = ref Data(states[5].Signals), o6 = ref Data(states[6].Signals), o7 = ref Data(states[7].Signals);
        var alpha = Vector512.Create(states[0].Alpha, states[1].Alpha, states[2].Alpha, states[3].Alpha,
            states[4].Alpha, states[5].Alpha, states[6].Alpha, states[7].Alpha);
        var value = Vector512.Create(states[0].Value, states[1].Value, states[2].Value, states[3].Value,
            states[4].Value, states[5].Value, states[6].Value, states[7].Value);
        var last = Vector512.Create((long)states[0].Last, states[1].Last, states[2].Last, states[3].Last,
            states[4].Last, states[5].Last, states[6].Last, states[7].Last);
        for (nint i = from; i < n; i++)
        {
            var fast = Vector512.Create(
                Vector256.Create(Unsafe.Add(ref f0, i), Unsafe.Add(ref f1, i), Unsafe.Add(ref f2, i), Unsafe.Add(ref f3, i)),
                Vector256.Create(Unsafe.Add(ref f4, i), Unsafe.Add(ref f5, i), Unsafe.Add(ref f6, i), Unsafe.Add(ref f7, i)));
            var slow = Vector512.Create(
                Vector256.Create(Unsafe.Add(ref s0, i), Unsafe.Add(ref s1, i), Unsafe.Add(ref s2, i), Unsafe.Add(ref s3, i)),
                Vector256.Create(Unsafe.Add(ref s4, i), Unsafe.Add(ref s5, i), Unsafe.Add(ref s6, i), Unsafe.Add(ref s7, i)));
            var line = fast - slow;
            value += alpha * (line - value);
            var d = line - value;
            // all-ones (-1) where the difference is positive, resp. negative; NaN is neither, as Math.Sign's zero side
            var positive = Vector512.GreaterThan(d, Vector512<double>.Zero).AsInt64();
            var negative = Vector512.LessThan(d, Vector512<double>.Zero).AsInt64();
            var sign = negative - positive; // +1, -1 or 0
            var side = positive | negative;
            // a cross: a side, and the last non-zero one the opposite (sign == -last with sign != 0 implies last != 0)
            var signal = sign & Vector512.Equals(sign, -last) & side;
            last = Vector512.ConditionalSelect(side, sign, last);
            ulong eight = Avx512F.ConvertToVector128SByte(signal).AsUInt64().ToScalar();
            Unsafe.Add(ref o0, i) = (sbyte)eight;
            Unsafe.Add(ref o1, i) = (sbyte)(eight >> 8);
            Unsafe.Add(ref o2, i) = (sbyte)(eight >> 16);
            Unsafe.Add(ref o3, i) = (sbyte)(eight >> 24);
            Unsafe.Add(ref o4, i) = (sbyte)(eight >> 32);
            Unsafe.Add(ref o5, i) = (sbyte)(eight >> 40);
            Unsafe.Add(ref o6, i) = (sbyte)(eight >> 48);
            Unsafe.Add(ref o7, i) = (sbyte)(eight >> 56);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref T Data<T>(T[] array) => ref MemoryMarshal.GetArrayDataReference(array);

    /// <summary>
    /// Four lanes on bars [from, n): the recurrences without a branch, each bar's signs of line - signal to a byte (bit
    /// k: lane k above, bit 4 + k: below), then each lane's crosses found in those bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunFour(Lane[] states, int from, int n)
    {
        double[] f0 = states[0].Fast, f1 = states[1].Fast, f2 = states[2].Fast, f3 = states[3].Fast;
        double[] s0 = states[0].Slow, s1 = states[1].Slow, s2 = states[2].Slow, s3 = states[3].Slow;
        foreach (var lane in states)
            if (lane.Fast.Length < n || lane.Slow.Length < n || lane.Signals.Length < n)
                throw new ArgumentException("series and signals differ in length");
        var alpha = Vector256.Create(states[0].Alpha, states[1].Alpha, states[2].Alpha, states[3].Alpha);
        var value = Vector256.Create(states[0].Value, states[1].Value, states[2].Value, states[3].Value);
        var signs = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            for (int i = from; i < n; i++)
            {
                var line = Vector256.Create(f0[i], f1[i], f2[i], f3[i]) - Vector256.Create(s0[i], s1[i], s2[i], s3[i]);
                value += alpha * (line - value);
                var d = line - value;
                uint positive = Vector256.GreaterThan(d, Vector256<double>.Zero).ExtractMostSignificantBits();
                uint negative = Vector256.LessThan(d, Vector256<double>.Zero).ExtractMostSignificantBits();
                signs[i] = (byte)(positive | negative << Lanes);
            }
            for (int k = 0; k < Lanes; k++)
            {
                int last = states[k].Last;
                CrossoverScan.MarkLane(signs.AsSpan(0, n), k, Lanes, from, ref last, states[k].Signals);
            }
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

    /// <summary>One started cell from the bar after its ready bar to the end.</summary>
    private static void Finish(in Cell cell, Span<sbyte> signals)
    {
        double value = cell.Value;
        int last = cell.Last;
        Continue(cell, ref value, ref last, cell.Ready + 1, cell.Fast.Length, signals);
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

    /// <summary>A cell in a vector lane at the common ready bar: its series, alpha, signal-line value, last non-zero side and output.</summary>
    private readonly record struct Lane(double[] Fast, double[] Slow, double Alpha, double Value, int Last, sbyte[] Signals);
}
