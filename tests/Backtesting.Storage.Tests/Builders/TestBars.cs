using Backtesting.Engine.Data;
using Backtesting.Engine.Synthetic;

namespace Backtesting.Storage.Tests.Builders;

/// <summary>Seeded synthetic bars.</summary>
public static class TestBars
{
    public static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static BarSeries Daily(int count, int seed = 7, DateTime? start = null) =>
        GbmBarGenerator.Generate(new GbmOptions { Bars = count, Seed = seed, Start = start ?? Start, Interval = TimeSpan.FromDays(1) });

    public static BarSeries Minutes(int count, int seed = 11) =>
        GbmBarGenerator.Generate(new GbmOptions { Bars = count, Seed = seed, Start = Start, Interval = TimeSpan.FromMinutes(1) });

    public static void AssertEqual(BarSeries expected, BarSeries actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Timestamps, actual.Timestamps);
        Assert.Equal(expected.Open, actual.Open);
        Assert.Equal(expected.High, actual.High);
        Assert.Equal(expected.Low, actual.Low);
        Assert.Equal(expected.Close, actual.Close);
        Assert.Equal(expected.Volume, actual.Volume);
    }
}
