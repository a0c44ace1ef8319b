using System.Runtime.CompilerServices;

namespace Backtesting.Engine.Simulation;

/// <summary>
/// The one rule turning a bar's signal into the position wanted (DESIGN sections 4 and 9). A signal is
/// either a built-in strategy's +1 / -1, read through the direction (long: +1 = long entry, -1 = long
/// exit; short: -1 = short entry, +1 = short exit; long_short: +1 = long entry, -1 = short entry), or
/// a rules strategy's flags (<see cref="Encode"/>), which decide on their own. Then: flat -> long entry
/// buys, else short entry sells short; long -> long exit closes, else short entry reverses; short -> symmetric.
/// </summary>
public static class PositionDecision
{
    // Rule flags travel in the same sbyte signal arrays as built-in signals, marked by this bit
    // (built-in signals are only +1 / -1 / 0), so grids, caches and every runner carry them unchanged.
    private const int FlagMarker = 0x40;

    /// <summary>The signal byte carrying <paramref name="flags"/> (0 when no rule holds, so quiet bars stay quiet).</summary>
    public static sbyte Encode(RuleFlags flags) => flags == RuleFlags.None ? (sbyte)0 : (sbyte)(FlagMarker | (int)flags);

    /// <summary>The rules a signal stands for under <paramref name="direction"/>.</summary>
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

    /// <summary>The position (+1, -1, 0) wanted from <paramref name="current"/> when <paramref name="flags"/> hold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Target(int current, RuleFlags flags)
    {
        if (current > 0)
            return (flags & RuleFlags.LongExit) != 0 ? 0 : (flags & RuleFlags.ShortEntry) != 0 ? -1 : 1;
        if (current < 0)
            return (flags & RuleFlags.ShortExit) != 0 ? 0 : (flags & RuleFlags.LongEntry) != 0 ? 1 : -1;
        return (flags & RuleFlags.LongEntry) != 0 ? 1 : (flags & RuleFlags.ShortEntry) != 0 ? -1 : 0;
    }

    /// <summary>The position a signal leads to from <paramref name="current"/>, or int.MinValue when it changes nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TargetFor(DirectionMode direction, int signal, int current)
    {
        int target = Target(current, FlagsOf(direction, signal));
        return target == current ? int.MinValue : target;
    }
}
