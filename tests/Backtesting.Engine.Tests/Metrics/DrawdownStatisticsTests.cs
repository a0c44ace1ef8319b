using Backtesting.Engine.Metrics;

namespace Backtesting.Engine.Tests.Metrics;

/// <summary>max_drawdown and max_drawdown_duration (bars from a peak until equity regains it).</summary>
public sealed class DrawdownStatisticsTests
{
    [Fact]
    public void Compute_RecoveredDrawdown_DurationFromPeakBarToRecoveryBar()
    {
        // peak 110 at bar 0, underwater at bar 1, regained at bar 2 (118.8 >= 110): 2 bars;
        // then peak 118.8 at bar 2, underwater to the end (bar 3): 1 bar. Longest 2.
        var stats = DrawdownStatistics.Compute([110, 99, 118.8, 112.86], 100);
        Assert.Equal(0.1, stats.MaxDrawdown, 12);
        Assert.Equal(2, stats.LongestDurationBars);
    }

    [Fact]
    public void Compute_InitialCapitalIsPeakAtBarMinusOne()
    {
        // 90, 95 below the initial 100; bar 2 regains 100: duration 2 - (-1) = 3 bars
        var stats = DrawdownStatistics.Compute([90, 95, 100, 105], 100);
        Assert.Equal(0.1, stats.MaxDrawdown, 12);
        Assert.Equal(3, stats.LongestDurationBars);
    }

    [Fact]
    public void Compute_Unrecovered_RunsToTheLastBar()
    {
        // peak 120 at bar 1 never regained; the last bar is 4: 4 - 1 = 3 bars; deepest 100 / 120
        var stats = DrawdownStatistics.Compute([100, 120, 110, 100, 115], 100);
        Assert.Equal(1 - 100.0 / 120.0, stats.MaxDrawdown, 12);
        Assert.Equal(3, stats.LongestDurationBars);
    }

    [Fact]
    public void Compute_LongerLaterDrawdown_Wins()
    {
        // 100 (peak at -1) -> 95 -> 101: 2 bars (bar -1 .. bar 1); 101 at bar 1 -> 100, 99, 98, 100.5 -> 102 at bar 6: 5 bars
        var stats = DrawdownStatistics.Compute([95, 101, 100, 99, 98, 100.5, 102], 100);
        Assert.Equal(5, stats.LongestDurationBars);
        Assert.Equal(0.05, stats.MaxDrawdown, 12);
    }

    [Fact]
    public void Compute_DeepestAndLongestAreDifferentEpisodes()
    {
        // short and deep: initial 100 (bar -1) -> 50 at bar 0 -> 100 at bar 1: 1 - (-1) = 2 bars, 50 %
        // long and shallow: 100 at bar 1 -> 99 at bars 2..5, never regained: 5 - 1 = 4 bars, 1 %
        var stats = DrawdownStatistics.Compute([50, 100, 99, 99, 99, 99], 100);
        Assert.Equal(0.5, stats.MaxDrawdown, 12);
        Assert.Equal(4, stats.LongestDurationBars);
    }

    [Fact]
    public void Compute_MonotonicRise_NoDrawdown()
    {
        var stats = DrawdownStatistics.Compute([100, 101, 102, 102, 103], 100);
        Assert.Equal(0, stats.MaxDrawdown);
        Assert.Equal(0, stats.LongestDurationBars);
    }

    [Fact]
    public void Compute_EqualToPeak_CountsAsRecovered()
    {
        // 100 -> 90 -> 100: regained at bar 2 exactly (peak bar 0): 2 bars, nothing left underwater
        var stats = DrawdownStatistics.Compute([100, 90, 100, 100], 100);
        Assert.Equal(2, stats.LongestDurationBars);
    }
}
