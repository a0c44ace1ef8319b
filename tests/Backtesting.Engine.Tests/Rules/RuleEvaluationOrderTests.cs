using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Rules;

/// <summary>
/// DESIGN section 9: at each close, flat -> long_entry buys, else short_entry sells short; long -> long_exit
/// closes, else short_entry reverses; short -> short_exit covers, else long_entry reverses. Built-in signals
/// map onto the same decision by direction.
/// </summary>
public sealed class RuleEvaluationOrderTests
{
    [Theory]
    // current, flags, wanted position
    [InlineData(0, RuleFlags.None, 0)]
    [InlineData(0, RuleFlags.LongEntry | RuleFlags.ShortEntry, 1)]
    [InlineData(0, RuleFlags.ShortEntry, -1)]
    [InlineData(0, RuleFlags.LongExit | RuleFlags.ShortExit, 0)]
    [InlineData(1, RuleFlags.LongEntry, 1)]
    [InlineData(1, RuleFlags.LongExit | RuleFlags.ShortEntry, 0)]
    [InlineData(1, RuleFlags.ShortEntry, -1)]
    [InlineData(1, RuleFlags.ShortExit, 1)]
    [InlineData(-1, RuleFlags.ShortEntry, -1)]
    [InlineData(-1, RuleFlags.ShortExit | RuleFlags.LongEntry, 0)]
    [InlineData(-1, RuleFlags.LongEntry, 1)]
    [InlineData(-1, RuleFlags.LongExit, -1)]
    public void Target_FollowsTheSection9Order(int current, RuleFlags flags, int wanted) =>
        Assert.Equal(wanted, PositionBook.Target(current, flags));

    [Theory]
    // direction, signal, current, target (int.MinValue = nothing changes): the built-ins' rules of section 4
    [InlineData(DirectionMode.Long, 1, 0, 1)]
    [InlineData(DirectionMode.Long, 1, 1, int.MinValue)]
    [InlineData(DirectionMode.Long, -1, 1, 0)]
    [InlineData(DirectionMode.Long, -1, 0, int.MinValue)]
    [InlineData(DirectionMode.Short, -1, 0, -1)]
    [InlineData(DirectionMode.Short, 1, -1, 0)]
    [InlineData(DirectionMode.Short, 1, 0, int.MinValue)]
    [InlineData(DirectionMode.LongShort, 1, 0, 1)]
    [InlineData(DirectionMode.LongShort, -1, 1, -1)]
    [InlineData(DirectionMode.LongShort, 1, -1, 1)]
    [InlineData(DirectionMode.LongShort, -1, -1, int.MinValue)]
    public void TargetFor_BuiltInSignals_AsBefore(DirectionMode direction, int signal, int current, int target) =>
        Assert.Equal(target, PositionBook.TargetFor(direction, signal, current));

    [Fact]
    public void TargetFor_RuleFlags_IgnoreTheDirection()
    {
        sbyte exitAndEntry = PositionBook.Encode(RuleFlags.LongExit | RuleFlags.LongEntry);
        foreach (var direction in Enum.GetValues<DirectionMode>())
        {
            Assert.Equal(1, PositionBook.TargetFor(direction, exitAndEntry, 0));
            Assert.Equal(0, PositionBook.TargetFor(direction, exitAndEntry, 1));
        }
        Assert.Equal(0, PositionBook.Encode(RuleFlags.None));
    }

    [Fact]
    public void Run_ExitBeforeOppositeEntry_FlatThenShortThenCover()
    {
        // fill at the deciding close, fractional units, no costs; closes 11 12 13 10 9 12
        // bar 1 (12): flat, long_entry -> buy at 12
        // bar 2 (13): long, long_exit (13 >= 13) closes at 13 although long_entry also holds
        // bar 3 (10): flat, long_entry false, short_entry -> short at 10
        // bar 4 (9): short, neither short_exit nor long_entry: hold
        // bar 5 (12): short, short_exit covers at 12 (long_entry also holds, the exit comes first: no reversal)
        var definition = RuleTestSupport.Define(new Dictionary<string, string>
        {
            ["long_entry"] = "close >= 12",
            ["long_exit"] = "close >= 13",
            ["short_entry"] = "close <= 10",
            ["short_exit"] = "close >= 12",
        });
        var result = RuleTestSupport.Run(definition, TestBars.FromCloses(11, 12, 13, 10, 9, 12),
            new Dictionary<string, object?> { ["fill"] = "close", ["fractional"] = true }, initialCapital: 1200);
        Assert.Equal(2, result.Trades.Count);
        var (first, second) = (result.Trades[0], result.Trades[1]);
        Assert.Equal((PositionSide.Long, 1, 12.0, (int?)2, (double?)13.0), (first.Side, first.EntryBar, first.EntryPrice, first.ExitBar, first.ExitPrice));
        Assert.Equal((PositionSide.Short, 3, 10.0, (int?)5, (double?)12.0), (second.Side, second.EntryBar, second.EntryPrice, second.ExitBar, second.ExitPrice));
        // 1200 / 12 = 100 units, +100; then 1300 / 10 = 130 units short, -2 x 130 = -260 -> 1040
        AssertNumber.Absolute(1040, result.Metrics.FinalCapital, 1e-9);
    }

    [Fact]
    public void Run_OppositeEntryWithoutExit_Reverses()
    {
        // closes 11 12 10: bar 1 buys at 12; bar 2: long, no long_exit, short_entry -> close at 10 and short at 10 (open at the end)
        var definition = RuleTestSupport.Define(new Dictionary<string, string>
        {
            ["long_entry"] = "close >= 12",
            ["short_entry"] = "close <= 10",
        });
        var result = RuleTestSupport.Run(definition, TestBars.FromCloses(11, 12, 10),
            new Dictionary<string, object?> { ["fill"] = "close", ["fractional"] = true }, initialCapital: 1200);
        Assert.Equal(2, result.Trades.Count);
        Assert.Equal((PositionSide.Long, 1, (int?)2, ExitReason.Signal), (result.Trades[0].Side, result.Trades[0].EntryBar, result.Trades[0].ExitBar, result.Trades[0].ExitReason));
        Assert.Equal((PositionSide.Short, 2, ExitReason.Open), (result.Trades[1].Side, result.Trades[1].EntryBar, result.Trades[1].ExitReason));
    }
}
