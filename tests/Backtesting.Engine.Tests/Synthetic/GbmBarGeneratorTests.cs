using Backtesting.Engine.Data;
using Backtesting.Engine.Synthetic;

namespace Backtesting.Engine.Tests.Synthetic;

public sealed class GbmBarGeneratorTests
{
    [Fact]
    public void Generate_SameSeed_IdenticalBars()
    {
        var options = new GbmOptions { Bars = 3000, Seed = 42 };
        var a = GbmBarGenerator.Generate(options);
        var b = GbmBarGenerator.Generate(options);
        Assert.Equal(a.Timestamps, b.Timestamps);
        Assert.Equal(a.Open, b.Open);
        Assert.Equal(a.High, b.High);
        Assert.Equal(a.Low, b.Low);
        Assert.Equal(a.Close, b.Close);
        Assert.Equal(a.Volume, b.Volume);
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentPath()
    {
        var a = GbmBarGenerator.Generate(new GbmOptions { Bars = 500, Seed = 1 });
        var b = GbmBarGenerator.Generate(new GbmOptions { Bars = 500, Seed = 2 });
        Assert.Equal(a.Timestamps, b.Timestamps);
        int differing = a.Close.Zip(b.Close).Count(p => p.First != p.Second);
        Assert.True(differing > 490, $"only {differing} of 500 closes differ");
    }

    [Theory]
    [InlineData(1, 100, 0.2, 6, 1)]
    [InlineData(2, 0.05, 1.5, 2, 60)]     // tiny prices at 2 decimals hit the 0.01 floor
    [InlineData(3, 5000, 0.8, 0, 1440)]   // daily bars, whole-number prices
    [InlineData(4, 1.1, 0.1, 5, 60)]      // FX-like
    public void Generate_AnyOptions_EveryBarPassesTheValidator(int seed, double startPrice, double volatility, int decimals, int minutes)
    {
        var options = new GbmOptions
        {
            Bars = 5000, Seed = seed, StartPrice = startPrice, Volatility = volatility, Decimals = decimals,
            Interval = TimeSpan.FromMinutes(minutes),
        };
        var bars = GbmBarGenerator.Generate(options);

        Assert.Equal(5000, bars.Count);
        BarSeriesValidator.Validate(bars);
        double scale = Math.Pow(10, decimals);
        Assert.All(bars.Close, c => Assert.Equal(Math.Round(c * scale), c * scale, 6));
        Assert.Equal(options.Start.Ticks + 4999 * options.Interval.Ticks, bars.Timestamps[^1]);
        Assert.Equal(decimals, bars.PriceDecimals);
    }

    [Fact]
    public void Generate_Defaults_ShapeOfTheSharedFiles()
    {
        // 1-minute bars from 2020-01-01 at 6 decimals starting near 100
        var bars = GbmBarGenerator.Generate(new GbmOptions { Bars = 100 });
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), bars.TimeAt(0));
        Assert.Equal(TimeSpan.FromMinutes(1).Ticks, bars.Timestamps[1] - bars.Timestamps[0]);
        Assert.InRange(bars.Close[0], 99, 101);
        Assert.Equal(6, bars.PriceDecimals);
    }

    [Fact]
    public void Generate_NoBars_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GbmBarGenerator.Generate(new GbmOptions { Bars = 0 }));
    }
}
