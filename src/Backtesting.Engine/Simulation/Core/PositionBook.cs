using System.Runtime.CompilerServices;
using Backtesting.Engine.Data;
using Backtesting.Engine.Execution;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>
/// One asset's position and the section-4 rules that change it: which position a signal leads to,
/// opening (sizing, slippage, fee), closing (fee, net pnl) and the open trade at the end. The single
/// backtest, the research runs and every asset of a portfolio go through these and only these.
/// </summary>
internal struct PositionBook
{
    /// <summary>Signed units held (negative when short), 0 when flat.</summary>
    public double Units;

    /// <summary>Bar of the entry fill, -1 when flat.</summary>
    public int EntryBar;

    /// <summary>Entry fill price after slippage (a portfolio's average entry after rebalancing additions).</summary>
    public double EntryPrice;

    /// <summary>Commission paid to build the position.</summary>
    public double EntryFee;

    /// <summary>Pnl already realised by partial reductions (portfolio rebalancing); 0 otherwise.</summary>
    public double RealizedPnl;

    public static PositionBook Flat => new() { EntryBar = -1 };

    public readonly PositionSide Side => Units > 0 ? PositionSide.Long : PositionSide.Short;

    /// <summary>
    /// The held side as +1, -1 or 0. Math.Sign(double) would give the same (units are never NaN: sizing rejects a
    /// NaN) but is a call with a NaN check, and the bar loop asks on every event.
    /// </summary>
    public readonly int SideSign
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Units > 0 ? 1 : Units < 0 ? -1 : 0;
    }

    // Rule flags travel in the same sbyte signal arrays as built-in signals, marked by this bit
    // (built-in signals are only +1 / -1 / 0), so grids, caches and every runner carry them unchanged.
    private const int FlagMarker = 0x40;

    /// <summary>
    /// The position (+1, -1, 0) a signal leads to from <paramref name="current"/>, or int.MinValue when it changes
    /// nothing: the one decision of sections 4 and 9 (<see cref="Target"/>) over the rules the signal stands for.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TargetFor(DirectionMode direction, int signal, int current)
    {
        int target = Target(current, FlagsOf(direction, signal));
        return target == current ? int.MinValue : target;
    }

    /// <summary>
    /// Section 9's order at a bar's close: flat -> long entry buys, else short entry sells short; long -> long exit
    /// closes, else short entry reverses; short -> short exit covers, else long entry reverses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Target(int current, RuleFlags flags)
    {
        if (current > 0)
            return (flags & RuleFlags.LongExit) != 0 ? 0 : (flags & RuleFlags.ShortEntry) != 0 ? -1 : 1;
        if (current < 0)
            return (flags & RuleFlags.ShortExit) != 0 ? 0 : (flags & RuleFlags.LongEntry) != 0 ? 1 : -1;
        return (flags & RuleFlags.LongEntry) != 0 ? 1 : (flags & RuleFlags.ShortEntry) != 0 ? -1 : 0;
    }

    /// <summary>
    /// The rules a signal stands for: a rules strategy's flags (<see cref="Encode"/>) as they are; a built-in's +1 / -1
    /// through the direction (long: +1 entry, -1 exit; short: -1 entry, +1 exit; long_short: +1 long entry, -1 short entry).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RuleFlags FlagsOf(DirectionMode direction, int signal)
    {
        if (signal > 1) return (RuleFlags)(signal & 0x0F);
        return direction switch
        {
            DirectionMode.Long => signal > 0 ? RuleFlags.LongEntry : signal < 0 ? RuleFlags.LongExit : RuleFlags.None,
            DirectionMode.Short => signal < 0 ? RuleFlags.ShortEntry : signal > 0 ? RuleFlags.ShortExit : RuleFlags.None,
            _ => signal > 0 ? RuleFlags.LongEntry : signal < 0 ? RuleFlags.ShortEntry : RuleFlags.None,
        };
    }

    /// <summary>The signal byte carrying <paramref name="flags"/> (0 when no rule holds, so quiet bars stay quiet).</summary>
    public static sbyte Encode(RuleFlags flags) => flags == RuleFlags.None ? (sbyte)0 : (sbyte)(FlagMarker | (int)flags);

    /// <summary>
    /// Opens a <paramref name="target"/> position from flat at <paramref name="rawPrice"/> with <paramref name="budget"/>:
    /// units = affordable units (whole unless fractional), paid from <paramref name="cash"/>. False when not one unit is affordable.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Open<TFee, TSlippage>(in TFee fees, in TSlippage slippage, ref double cash, int bar, int target, double rawPrice, double budget,
        bool fractional, out double fee, out double cashFlow)
        where TFee : struct, IFeeRule where TSlippage : struct, ISlippageRule
    {
        double price = slippage.Apply(rawPrice, target > 0 ? OrderSide.Buy : OrderSide.Sell);
        double units = SizeUnits(in fees, budget, price, fractional);
        if (!(units > 0))
        {
            fee = cashFlow = 0;
            return false;
        }
        OpenUnits(in fees, ref cash, bar, target, price, units, out fee, out cashFlow);
        return true;
    }

    /// <summary>The section-4 sizing: units whose cost plus fee is <paramref name="budget"/> at <paramref name="price"/> (after slippage), floored unless fractional.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SizeUnits<TFee>(in TFee fees, double budget, double price, bool fractional) where TFee : struct, IFeeRule
    {
        double units = fees.AffordableUnits(budget, price);
        return fractional ? units : Math.Floor(units);
    }

    /// <summary>Opens <paramref name="units"/> (&gt; 0) of the <paramref name="target"/> side from flat at <paramref name="price"/> (after slippage), paid from <paramref name="cash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OpenUnits<TFee>(in TFee fees, ref double cash, int bar, int target, double price, double units, out double fee, out double cashFlow)
        where TFee : struct, IFeeRule
    {
        fee = fees.Fee(units, price);
        cashFlow = -(target * units * price + fee);
        cash += cashFlow;
        Units = target * units;
        EntryBar = bar;
        EntryPrice = price;
        EntryFee = fee;
        RealizedPnl = 0;
    }

    /// <summary>Closes the whole position at <paramref name="rawPrice"/>, hands the trade to the recorder and leaves the book flat.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Close<TFee, TSlippage, TRecorder>(in TFee fees, in TSlippage slippage, ref TRecorder recorder, ref double cash, int bar,
        double rawPrice, ExitReason reason, out double fee, out double cashFlow)
        where TFee : struct, IFeeRule where TSlippage : struct, ISlippageRule where TRecorder : struct, ITradeRecorder
    {
        double units = Units;
        double price = slippage.Apply(rawPrice, units > 0 ? OrderSide.Sell : OrderSide.Buy);
        double quantity = Math.Abs(units);
        fee = fees.Fee(quantity, price);
        cashFlow = units * price - fee;
        cash += cashFlow;
        recorder.Closed(in this, bar, price, fee, Pnl(price, fee), reason);
        this = Flat;
    }

    /// <summary>
    /// The stop loss / take profit exit in <paramref name="bar"/> of a position entered before it (fill price before
    /// slippage, and which level), under <see cref="StopRules"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool TryStopExit(SimulationSettings settings, int bar, double open, double high, double low, out double price, out ExitReason reason)
    {
        if (Units == 0 || EntryBar >= bar)
        {
            price = 0;
            reason = ExitReason.Open;
            return false;
        }
        return StopRules.TryExit(Units > 0, EntryPrice, settings.StopLossPct, settings.TakeProfitPct, open, high, low, out price, out reason);
    }

    /// <summary>
    /// Adds (<paramref name="delta"/> &gt; 0) or removes units of the held side at <paramref name="rawPrice"/> (portfolio
    /// rebalancing): an addition moves the average entry, a removal realises its pnl against it; the fee joins the entry fees.
    /// </summary>
    public void Resize<TFee, TSlippage>(in TFee fees, in TSlippage slippage, ref double cash, double delta, double rawPrice, out double fee, out double cashFlow)
        where TFee : struct, IFeeRule where TSlippage : struct, ISlippageRule
    {
        int side = SideSign;
        bool buying = side * delta > 0;
        double price = slippage.Apply(rawPrice, buying ? OrderSide.Buy : OrderSide.Sell);
        double quantity = Math.Abs(delta);
        fee = fees.Fee(quantity, price);
        cashFlow = -(side * delta * price + fee);
        cash += cashFlow;
        double held = Math.Abs(Units);
        if (delta > 0) EntryPrice = (held * EntryPrice + quantity * price) / (held + quantity);
        else RealizedPnl += side * quantity * (price - EntryPrice);
        EntryFee += fee;
        Units = side * (held + delta);
    }

    /// <summary>The position still held after the last bar as an open trade, marked at <paramref name="mark"/>.</summary>
    public readonly Trade OpenTrade(BarSeries bars, double mark) => new()
    {
        Side = Side,
        Quantity = Math.Abs(Units),
        EntryBar = EntryBar,
        EntryTime = bars.TimeAt(EntryBar),
        EntryPrice = EntryPrice,
        EntryFee = EntryFee,
        ExitPrice = mark,
        Pnl = Pnl(mark, 0),
        ExitReason = ExitReason.Open,
    };

    /// <summary>Net pnl of leaving at <paramref name="price"/>: the move, less both commissions, plus what rebalancing realised.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly double Pnl(double price, double exitFee)
    {
        double pnl = (int)Side * Math.Abs(Units) * (price - EntryPrice) - EntryFee - exitFee;
        return RealizedPnl != 0 ? pnl + RealizedPnl : pnl;
    }
}
