using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Backtesting.Engine.Data;
using Backtesting.Engine.Execution;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>
/// The section-4 bar step for one asset. Per bar: a pending order fills, then stop loss / take profit
/// are checked for a position entered before this bar, then the bar's signal (+1, -1, 0) is turned into
/// a target by direction and filled by the fill model, then equity is marked at the close. Stretches
/// without a signal, a pending fill or a stop check are marked in one vectorised pass. The type
/// parameters are structs, so each combination of models and recorder is compiled on its own and the
/// built-in models' arithmetic is inlined.
/// </summary>
internal sealed class BarStepCore<TFill, TFee, TSlippage, TRecorder> : IBarStepCore<TRecorder>
    where TFill : struct, IFillRule where TFee : struct, IFeeRule where TSlippage : struct, ISlippageRule where TRecorder : struct, ITradeRecorder
{
    private readonly double[] _open, _high, _low, _close;
    private readonly SimulationSettings _settings;
    private readonly bool _hasStops;
    private readonly sbyte[] _ignored;
    private readonly TFill _fill;
    private readonly TFee _fees;
    private readonly TSlippage _slippage;
    private SimulationBook _book;
    private TRecorder _recorder;
    private long _touched;

    /// <summary>Bars per block whose event prices are requested together (<see cref="RequestEventPrices"/>).</summary>
    private const int TouchBlock = 8192;

    public BarStepCore(BarSeries bars, SimulationSettings settings, TFill fill, TFee fees, TSlippage slippage, TRecorder recorder)
    {
        (_open, _high, _low, _close) = (bars.Open, bars.High, bars.Low, bars.Close);
        _settings = settings;
        _hasStops = settings.StopLossPct is not null || settings.TakeProfitPct is not null;
        _ignored = IgnoredSignals(settings.Direction);
        (_fill, _fees, _slippage, _recorder) = (fill, fees, slippage, recorder);
        _book = SimulationBook.Initial(settings.InitialCapital);
    }

    public ref SimulationBook Book => ref _book;

    public ref TRecorder Recorder => ref _recorder;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Advance(ReadOnlySpan<sbyte> signals, int from, int to, Span<double> equity)
    {
        // block by block (a run cut anywhere gives the same result), each block's fill prices asked for up front
        for (int start = from; start < to; start += TouchBlock)
        {
            int end = Math.Min(to, start + TouchBlock);
            RequestEventPrices(signals, start, end);
            AdvanceRange(signals, start, end, equity.Slice(start - from, end - start));
        }
    }

    /// <summary>
    /// Loads the prices the events of bars [from, to) will read (the next open a signal fills at, the close it is marked
    /// at) back to back, before the block is simulated. A long series' columns are not in the cache, and a signal comes
    /// every few dozen bars: read where each event needs it, every such price is a miss the bar loop waits for in turn;
    /// requested together, the misses overlap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RequestEventPrices(ReadOnlySpan<sbyte> signals, int from, int to)
    {
        double[] open = _open, close = _close;
        int last = close.Length - 1;
        long touched = 0;
        int i = from;
        ref sbyte first = ref MemoryMarshal.GetReference(signals);
        if (Vector256.IsHardwareAccelerated)
        {
            // the signal bars of 32 at a time as a mask, each bit's prices loaded in a loop with no call or search
            for (; i + 32 <= to; i += 32)
            {
                uint acting = ~Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)i), Vector256<sbyte>.Zero).ExtractMostSignificantBits();
                for (; acting != 0; acting &= acting - 1)
                {
                    int bar = Math.Min(i + BitOperations.TrailingZeroCount(acting) + 1, last);
                    touched ^= BitConverter.DoubleToInt64Bits(open[bar]) ^ BitConverter.DoubleToInt64Bits(close[bar]);
                }
            }
        }
        for (; i < to; i++)
        {
            if (Unsafe.Add(ref first, i) == 0) continue;
            int bar = Math.Min(i + 1, last);
            touched ^= BitConverter.DoubleToInt64Bits(open[bar]) ^ BitConverter.DoubleToInt64Bits(close[bar]);
        }
        // kept, so the loads are not dropped as dead code
        _touched += touched;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AdvanceRange(ReadOnlySpan<sbyte> signals, int from, int to, Span<double> equity)
    {
        int i = from, nextSignal = -1;
        while (i < to)
        {
            // bars before the next event only mark equity: no fill, no stop check, no signal (a bar with a fill due steps at once)
            if (!(_hasStops && _book.Position.Units != 0) && _book.PendingBar != i)
            {
                if (nextSignal < i)
                {
                    // any signal first; only where it is the held side's ignored one scan past the repeats, so strategies
                    // whose signals alternate (crossovers) pay one compare per block, not the repeat check
                    nextSignal = NextSignal(signals, i, to, 0);
                    sbyte ignored = IgnoredSignal();
                    if (ignored != 0 && nextSignal < to && signals[nextSignal] == ignored)
                        nextSignal = NextSignal(signals, nextSignal + 1, to, ignored);
                }
                int next = nextSignal;
                if (_book.PendingBar >= i && _book.PendingBar < next) next = _book.PendingBar;
                if (next > i)
                {
                    MarkQuiet(equity.Slice(i - from, next - i), i);
                    i = next;
                    if (i == to) break;
                }
            }
            int side = _book.Position.SideSign;
            equity[i - from] = Step(i, signals[i]);
            i++;
            // a new side changes which signal is ignored: the bars after this one are scanned again
            if (_book.Position.SideSign != side) nextSignal = -1;
        }
    }

    /// <summary>
    /// The built-in signal (+1 or -1) that changes nothing in the current position (a buy signal while long in
    /// `long`), or 0 when each would act. A bar with only that signal steps exactly as a quiet bar, so the scan passes
    /// it: a breakout strategy repeats its signal on every bar above the channel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private sbyte IgnoredSignal() => _ignored[_book.Position.SideSign + 1];

    /// <summary><see cref="IgnoredSignal"/> for the sides -1, 0, +1 (index side + 1), worked out once per run.</summary>
    private static sbyte[] IgnoredSignals(DirectionMode direction)
    {
        var ignored = new sbyte[3];
        for (int side = -1; side <= 1; side++)
            ignored[side + 1] = PositionBook.TargetFor(direction, 1, side) == int.MinValue ? (sbyte)1
                : PositionBook.TargetFor(direction, -1, side) == int.MinValue ? (sbyte)-1 : (sbyte)0;
        return ignored;
    }

    /// <summary>The first bar in [from, to) with a signal other than <paramref name="ignored"/>, else <paramref name="to"/>; 32 bars per compare.</summary>
    // Own scan rather than IndexOfAnyExcept: optimised with the loop at once, where a one-shot run would call the library's tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NextSignal(ReadOnlySpan<sbyte> signals, int from, int to, sbyte ignored)
    {
        int i = from;
        ref sbyte first = ref MemoryMarshal.GetReference(signals);
        if (Vector256.IsHardwareAccelerated)
        {
            var ignoredV = Vector256.Create(ignored);
            for (; i + 32 <= to; i += 32)
            {
                var block = Vector256.LoadUnsafe(ref first, (nuint)i);
                var quiet = Vector256.Equals(block, Vector256<sbyte>.Zero);
                if (ignored != 0) quiet |= Vector256.Equals(block, ignoredV);
                // the first bar of the block that is not quiet, from the compare's mask rather than bar by bar
                uint acting = ~quiet.ExtractMostSignificantBits();
                if (acting != 0) return i + BitOperations.TrailingZeroCount(acting);
            }
        }
        for (; i < to; i++)
        {
            sbyte signal = Unsafe.Add(ref first, i);
            if (signal != 0 && signal != ignored) return i;
        }
        return to;
    }

    public void CloseAtEnd()
    {
        int last = _close.Length - 1;
        Close(last, _close[last], ExitReason.EndOfData);
    }

    /// <summary>One bar in full; returns its equity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.AggressiveInlining)]
    private double Step(int i, int signal)
    {
        ref var book = ref _book;
        if (book.PendingBar == i)
        {
            book.PendingBar = -1;
            ExecuteTarget(i, book.PendingTarget, book.PendingPrice);
        }
        if (_hasStops && book.Position.TryStopExit(_settings, i, _open[i], _high[i], _low[i], out double stopPrice, out var reason))
            Close(i, stopPrice, reason);
        if (signal != 0)
        {
            int current = book.Position.SideSign;
            int target = PositionBook.TargetFor(_settings.Direction, signal, current);
            if (target != int.MinValue)
            {
                var fill = _fill.Fill(i, target > current ? OrderSide.Buy : OrderSide.Sell);
                if (fill.Filled && fill.Bar == i)
                {
                    ExecuteTarget(i, target, fill.Price);
                }
                else if (fill.Filled)
                {
                    book.PendingBar = fill.Bar;
                    book.PendingTarget = target;
                    book.PendingPrice = fill.Price;
                }
            }
        }
        if (book.Position.Units != 0) book.BarsInMarket++;
        return book.Cash + book.Position.Units * _close[i];
    }

    /// <summary>Equity of quiet bars from <paramref name="bar"/> on: cash + units x close, vectorised (no FMA, so the same rounding as <see cref="Step"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MarkQuiet(Span<double> equity, int bar)
    {
        double cash = _book.Cash, units = _book.Position.Units;
        int length = equity.Length;
        if (units != 0) _book.BarsInMarket += length;
        ref double close = ref _close[bar];
        ref double target = ref MemoryMarshal.GetReference(equity);
        if (Vector256.IsHardwareAccelerated && length >= 4)
        {
            // whole blocks, then one block ending at the last bar (it may overlap the one before and store the same
            // values again): no scalar tail, whose exit a stretch of random length mispredicts
            var cashV = Vector256.Create(cash);
            int last = length - 4;
            if (units == 0)
            {
                for (int k = 0; k < last; k += 4) cashV.StoreUnsafe(ref target, (nuint)k);
                cashV.StoreUnsafe(ref target, (nuint)last);
                return;
            }
            var unitsV = Vector256.Create(units);
            for (int k = 0; k < last; k += 4)
                (cashV + unitsV * Vector256.LoadUnsafe(ref close, (nuint)k)).StoreUnsafe(ref target, (nuint)k);
            (cashV + unitsV * Vector256.LoadUnsafe(ref close, (nuint)last)).StoreUnsafe(ref target, (nuint)last);
            return;
        }
        for (int k = 0; k < length; k++)
            Unsafe.Add(ref target, k) = units == 0 ? cash : cash + units * Unsafe.Add(ref close, k);
    }

    /// <summary>Moves to <paramref name="target"/> at one fill: closes the held side, then opens the new one sized from the cash after the close.</summary>
    // Fully optimised at once, as the bar loop: a run can make tens of thousands of trades before tiering would catch up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ExecuteTarget(int bar, int target, double rawPrice)
    {
        int current = _book.Position.SideSign;
        if (current == target) return;
        if (current != 0) Close(bar, rawPrice, ExitReason.Signal);
        if (target == 0) return;
        // flat here, so equity is cash
        double budget = _settings.PositionSize * _book.Cash;
        if (_book.Position.Open(in _fees, in _slippage, ref _book.Cash, bar, target, rawPrice, budget, _settings.Fractional, out double fee, out _))
            _book.TotalFees += fee;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Close(int bar, double rawPrice, ExitReason reason)
    {
        _book.Position.Close(in _fees, in _slippage, ref _recorder, ref _book.Cash, bar, rawPrice, reason, out double fee, out _);
        _book.TotalFees += fee;
        _book.ClosedTrades++;
    }
}
