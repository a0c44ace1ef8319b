using Backtesting.Application.Schedules;

namespace Backtesting.Functions.Tests.Schedules;

public sealed class CronScheduleTests
{
    private static DateTime Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, DateTimeKind.Utc);

    [Fact]
    public void Next_FiveFieldWeekdays_SkipsTheWeekend()
    {
        var cron = CronSchedule.Parse("0 6 * * 1-5");

        Assert.Equal(Utc(2024, 1, 8, 6), cron.Next(Utc(2024, 1, 5, 6))); // Friday 06:00 -> Monday 06:00
    }

    [Fact]
    public void Next_SixFieldWithSeconds_UsesTheSecondsField()
    {
        var cron = CronSchedule.Parse("30 */15 * * * *");

        Assert.Equal(Utc(2024, 1, 1, 0, 15, 30), cron.Next(Utc(2024, 1, 1, 0, 0, 30)));
    }

    [Fact]
    public void Previous_IncludesAnExactMatch()
    {
        var cron = CronSchedule.Parse("0 0 * * *");

        Assert.Equal(Utc(2024, 3, 1), cron.Previous(Utc(2024, 3, 1)));
        Assert.Equal(Utc(2024, 3, 1), cron.Previous(Utc(2024, 3, 1, 23, 59, 59)));
    }

    [Fact]
    public void Names_AndSundayAsSeven_Parse()
    {
        var cron = CronSchedule.Parse("0 12 * JAN,JUL SUN");

        Assert.Equal(Utc(2024, 1, 7, 12), cron.Next(Utc(2024, 1, 1)));
        Assert.Equal(CronSchedule.Parse("0 12 * 1,7 7").Next(Utc(2024, 1, 1)), cron.Next(Utc(2024, 1, 1)));
    }

    [Fact]
    public void DayOfMonthAndWeekday_BothRestricted_FireOnEither()
    {
        var cron = CronSchedule.Parse("0 0 13 * FRI");

        Assert.Equal(Utc(2024, 1, 5), cron.Next(Utc(2024, 1, 1)));   // first Friday
        Assert.Equal(Utc(2024, 1, 13), cron.Next(Utc(2024, 1, 12)));  // the 13th, a Saturday
    }

    [Theory]
    [InlineData("* * *", "fields")]
    [InlineData("61 * * * *", "minute")]
    [InlineData("0 0 * * MON-XYZ", "day of week")]
    [InlineData("*/0 * * * *", "step")]
    [InlineData("0 5-2 * * *", "hour")]
    public void TryParse_Invalid_NamesTheField(string expression, string expected)
    {
        Assert.False(CronSchedule.TryParse(expression, out _, out var error));
        Assert.Contains(expected, error);
    }
}
