using Backtesting.Engine.Metrics;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Metrics;

/// <summary>The annualisation factor A inferred from bar spacing (DESIGN.md section 5).</summary>
public sealed class PeriodsPerYearTests
{
    [Fact]
    public void Infer_GoogDailyBars_Is252()
    {
        Assert.Equal(252, PeriodsPerYear.Infer(TestDataFiles.Goog.Timestamps));
    }

    [Fact]
    public void Infer_WeeklyBars_Is52()
    {
        Assert.Equal(52, PeriodsPerYear.Infer(TestBars.Timestamps(120, TimeSpan.FromDays(7))));
    }

    [Fact]
    public void Infer_MonthlyBars_Is12()
    {
        var start = new DateTime(2015, 1, 31, 0, 0, 0, DateTimeKind.Utc);
        long[] monthEnds = Enumerable.Range(0, 60).Select(i => start.AddMonths(i).Ticks).ToArray();
        Assert.Equal(12, PeriodsPerYear.Infer(monthEnds));
    }

    [Fact]
    public void Infer_OneMinuteBarsAroundTheClock_Is252Times1440()
    {
        // gbm_10000: 24/7 minutes from 2020-01-01; six full days of 1440 bars and a partial seventh: median 1440
        Assert.Equal(252 * 1440, PeriodsPerYear.Infer(TestDataFiles.Gbm10000.Timestamps));
    }

    [Fact]
    public void Infer_EurUsdHourlyBars_Is252TimesMedianBarsPerCalendarDay()
    {
        // independent count: group the bars by UTC date and take the median count (24: 165 of 251 days are full)
        long[] ts = TestDataFiles.EurUsd.Timestamps;
        int[] perDay = ts.GroupBy(t => new DateTime(t, DateTimeKind.Utc).Date).Select(g => g.Count()).Order().ToArray();
        double median = perDay.Length % 2 == 1 ? perDay[perDay.Length / 2] : (perDay[perDay.Length / 2 - 1] + perDay[perDay.Length / 2]) / 2.0;
        Assert.Equal(251, perDay.Length);
        Assert.Equal(24, median);
        Assert.Equal(252 * median, PeriodsPerYear.Infer(ts));
    }

    [Fact]
    public void Infer_ThirtyMinuteSessionBars_Is252Times13()
    {
        // 13 half-hour bars a day (09:30..15:30) on 20 consecutive weekdays
        var days = Enumerable.Range(0, 28).Select(d => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(d))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        long[] ts = days.SelectMany(d => Enumerable.Range(0, 13).Select(k => d.AddHours(9.5).AddMinutes(30 * k).Ticks)).ToArray();
        Assert.Equal(252 * 13, PeriodsPerYear.Infer(ts));
    }

    [Fact]
    public void Infer_DailyBarsWithGaps_StaysDaily()
    {
        // weekdays only (weekend gaps of 3 days) is still daily
        long[] ts = Enumerable.Range(0, 100).Select(d => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(d))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Select(d => d.Ticks).ToArray();
        Assert.Equal(252, PeriodsPerYear.Infer(ts));
    }

    [Fact]
    public void Infer_DaysOfRandomLengths_Is252TimesTheMedianFromGroupingByDate()
    {
        // 41 days of 2..3000 bars at random times (days of one bar are not counted as intraday evidence on their own):
        // the count per day found by searching for each midnight equals grouping the bars by their UTC date
        var random = new Random(11);
        var start = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        long[] ts = [.. Enumerable.Range(0, 41)
            .SelectMany(d => Enumerable.Range(0, 86_400).OrderBy(_ => random.Next()).Take(random.Next(2, 3001)).Order()
                .Select(second => start.AddDays(d).AddSeconds(second).Ticks))];
        int[] perDay = ts.GroupBy(t => new DateTime(t, DateTimeKind.Utc).Date).Select(g => g.Count()).Order().ToArray();
        Assert.Equal(41, perDay.Length);

        Assert.Equal(252.0 * perDay[20], PeriodsPerYear.Infer(ts));
    }
}
