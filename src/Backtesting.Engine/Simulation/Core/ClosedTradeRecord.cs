using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Backtesting.Engine.Data;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>
/// A closed trade as a value without references: what the core knows at the exit. A run keeps these in an array
/// (<see cref="TradeLog"/>) the collector never has to trace, and turns them into <see cref="Trade"/> records when read.
/// Public for the chunks that hand their trades over through blobs (<see cref="ChunkRecording"/>), encoded from and
/// decoded into these values.
/// </summary>
[StructLayout(LayoutKind.Auto)] // 64 bytes: the doubles first, no padding between the ints
public readonly record struct ClosedTradeRecord(
    PositionSide Side, double Quantity, int EntryBar, double EntryPrice, double EntryFee,
    int ExitBar, double ExitPrice, double ExitFee, double Pnl, ExitReason ExitReason)
{
    /// <summary>The trade closing <paramref name="position"/> (as it was before the exit) at <paramref name="exitBar"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ClosedTradeRecord Of(in PositionBook position, int exitBar, double exitPrice, double exitFee, double pnl, ExitReason reason) =>
        new(position.Side, Math.Abs(position.Units), position.EntryBar, position.EntryPrice, position.EntryFee, exitBar, exitPrice, exitFee, pnl, reason);

    /// <summary>The public record, its times taken from <paramref name="bars"/>.</summary>
    public Trade ToTrade(BarSeries bars) => new()
    {
        Side = Side,
        Quantity = Quantity,
        EntryBar = EntryBar,
        EntryTime = bars.TimeAt(EntryBar),
        EntryPrice = EntryPrice,
        EntryFee = EntryFee,
        ExitBar = ExitBar,
        ExitTime = bars.TimeAt(ExitBar),
        ExitPrice = ExitPrice,
        ExitFee = ExitFee,
        Pnl = Pnl,
        ExitReason = ExitReason,
    };
}
