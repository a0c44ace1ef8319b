using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Engine.Tests.Simulation.Core;

/// <summary>The position rules every path shares (single runs, research, portfolios), worked by hand.</summary>
public sealed class PositionBookTests
{
    private static readonly PercentFeeRule OnePercent = new(0.01);

    [Theory]
    // long only: +1 opens, -1 closes; short only: the mirror; long_short: the signal itself
    [InlineData(DirectionMode.Long, 1, 0, 1)]
    [InlineData(DirectionMode.Long, -1, 1, 0)]
    [InlineData(DirectionMode.Long, -1, 0, int.MinValue)] // nothing to close
    [InlineData(DirectionMode.Long, 1, 1, int.MinValue)] // already long
    [InlineData(DirectionMode.Short, -1, 0, -1)]
    [InlineData(DirectionMode.Short, 1, -1, 0)]
    [InlineData(DirectionMode.Short, 1, 0, int.MinValue)]
    [InlineData(DirectionMode.LongShort, -1, 1, -1)]
    [InlineData(DirectionMode.LongShort, 1, -1, 1)]
    public void TargetFor_SignalAndHolding_GivesTheContractsTarget(DirectionMode direction, int signal, int current, int expected) =>
        Assert.Equal(expected, PositionBook.TargetFor(direction, signal, current));

    [Fact]
    public void OpenThenClose_LongWithCommission_SizesAndChargesBothLegs()
    {
        // budget 10000 at 97 with 1 %: units = floor(10000 / 97.97) = 102, fee = 0.01 x 102 x 97 = 98.94
        // exit at 110: fee = 0.01 x 102 x 110 = 112.2; pnl = 102 x 13 - 98.94 - 112.2 = 1114.86
        var book = PositionBook.Flat;
        double cash = 10_000;
        var recorder = new TradeTotalsRecorder();

        Assert.True(book.Open(in OnePercent, new NoSlippageRule(), ref cash, bar: 3, target: 1, rawPrice: 97, budget: 10_000, fractional: false,
            out double entryFee, out double entryFlow));
        Assert.Equal(102, book.Units);
        Assert.Equal(98.94, entryFee, 1e-9);
        Assert.Equal(10_000 - 9894 - 98.94, cash, 1e-9);
        Assert.Equal(-(9894 + 98.94), entryFlow, 1e-9);

        book.Close(in OnePercent, new NoSlippageRule(), ref recorder, ref cash, bar: 5, rawPrice: 110, ExitReason.Signal, out double exitFee, out _);

        Assert.Equal(112.2, exitFee, 1e-9);
        Assert.Equal(1, recorder.Totals.Total);
        Assert.Equal(1114.86, recorder.Totals.PnlSum, 1e-9);
        Assert.Equal(10_000 + 1114.86, cash, 1e-9);
        Assert.Equal(0, book.Units);
        Assert.Equal(-1, book.EntryBar);
    }

    [Fact]
    public void Open_BudgetBelowOneUnit_StaysFlat()
    {
        var book = PositionBook.Flat;
        double cash = 50;

        Assert.False(book.Open(in OnePercent, new NoSlippageRule(), ref cash, 0, 1, rawPrice: 97, budget: 50, fractional: false, out _, out _));
        Assert.Equal(0, book.Units);
        Assert.Equal(50, cash);
    }

    [Fact]
    public void Resize_AddThenReduce_MovesAverageEntryAndRealisesPnl()
    {
        // 10 units at 100 (free), add 10 at 110: average (10 x 100 + 10 x 110) / 20 = 105
        // remove 5 at 120: realised 5 x (120 - 105) = 75; close the other 15 at 100: pnl 15 x (100 - 105) + 75 = 0
        var free = new PercentFeeRule(0);
        var book = PositionBook.Flat;
        double cash = 1000;
        book.Open(in free, new NoSlippageRule(), ref cash, 0, 1, 100, 1000, false, out _, out _);

        book.Resize(in free, new NoSlippageRule(), ref cash, 10, 110, out _, out double addFlow);
        Assert.Equal(105, book.EntryPrice);
        Assert.Equal(-1100, addFlow);
        book.Resize(in free, new NoSlippageRule(), ref cash, -5, 120, out _, out _);
        Assert.Equal(75, book.RealizedPnl);
        Assert.Equal(15, book.Units);
        var recorder = new TradeTotalsRecorder();
        book.Close(in free, new NoSlippageRule(), ref recorder, ref cash, 3, 100, ExitReason.Signal, out _, out _);

        Assert.Equal(0, recorder.Totals.PnlSum);
        Assert.Equal(1000, cash); // 1000 - 1000 - 1100 + 600 + 1500
    }
}
