using Backtesting.Application.MarketData;
using Backtesting.Engine.Data;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.Tests;

/// <summary>The stored timeframe comes from the median bar spacing, so weekends and gaps do not change it.</summary>
public sealed class TimeframeInferenceTests
{
    private static BarSeries At(params DateTime[] times)
    {
        var ones = times.Select(_ => 1.0).ToArray();
        return new BarSeries(times.Select(t => t.Ticks).ToArray(), ones, ones, ones, ones, ones);
    }

    private static DateTime Day(int month, int day, int hour = 0) => new(2024, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Infer_WeekdayBarsAcrossAWeekend_IsDaily()
    {
        // Thu, Fri, Mon, Tue: gaps 1, 3, 1 day(s); the median is 1 day
        Assert.Equal("1d", TimeframeInference.Infer(At(Day(1, 4), Day(1, 5), Day(1, 8), Day(1, 9))));
    }

    [Fact]
    public void Infer_HourlyBarsWithAnOvernightGap_IsHourly()
    {
        // gaps 1 h, 1 h, 21 h, 1 h: median 1 h
        Assert.Equal("1h", TimeframeInference.Infer(At(Day(1, 2, 1), Day(1, 2, 2), Day(1, 2, 3), Day(1, 3, 0), Day(1, 3, 1))));
    }

    [Fact]
    public void Infer_MonthStarts_IsMonthly()
    {
        // 31, 29 (2024 is a leap year), 31 days apart
        Assert.Equal("1mo", TimeframeInference.Infer(At(Day(1, 1), Day(2, 1), Day(3, 1), Day(4, 1))));
    }

    [Fact]
    public void Infer_SpacingOfNoKnownTimeframe_OrOneBar_IsNull()
    {
        Assert.Null(TimeframeInference.Infer(At(Day(1, 1), Day(1, 3), Day(1, 5))));
        Assert.Null(TimeframeInference.Infer(At(Day(1, 1))));
    }

    [Fact]
    public void Resolve_NothingGivenAndNothingInferred_AsksForIt()
    {
        var errors = new List<ValidationError>();

        Assert.Null(TimeframeInference.Resolve(null, At(Day(1, 1)), "timeframe", errors));
        Assert.Equal("timeframe", errors.Single().Field);
        Assert.StartsWith("is required here: it cannot be inferred (there is a single bar)", errors.Single().Message);
    }

    [Fact]
    public void Resolve_GivenTimeframeMatchingOrUninferable_IsKept()
    {
        var errors = new List<ValidationError>();

        Assert.Equal("1d", TimeframeInference.Resolve("1d", At(Day(1, 4), Day(1, 5)), "timeframe", errors));
        Assert.Equal("1w", TimeframeInference.Resolve("1w", At(Day(1, 1)), "timeframe", errors));
        Assert.Empty(errors);
    }
}
