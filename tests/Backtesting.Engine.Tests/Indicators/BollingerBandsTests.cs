using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Tests.Indicators;

public sealed class BollingerBandsTests
{
    [Fact]
    public void Update_Period3_UsesPopulationStandardDeviation()
    {
        // window 1, 2, 3: mean 2, population variance (1 + 0 + 1) / 3 = 2/3 (sample variance would be 1)
        // upper/lower = 2 +/- 2 x sqrt(2/3)
        var bands = new BollingerBands(3, 2);
        bands.Update(1);
        bands.Update(2);
        Assert.False(bands.IsReady);
        Assert.True(double.IsNaN(bands.Middle));
        bands.Update(3);
        Assert.True(bands.IsReady);
        Assert.Equal(2, bands.Middle, 12);
        Assert.Equal(2 + 2 * Math.Sqrt(2.0 / 3), bands.Upper, 12);
        Assert.Equal(2 - 2 * Math.Sqrt(2.0 / 3), bands.Lower, 12);
    }

    [Fact]
    public void Update_WindowSlides_DropsOldValues()
    {
        // after 1, 2, 3, 4, 6 the window is 3, 4, 6: mean 13/3, deviations -4/3, -1/3, 5/3,
        // population variance (16 + 1 + 25) / 9 / 3 = 14/9, std sqrt(14) / 3; k = 1.5
        var bands = new BollingerBands(3, 1.5);
        foreach (double v in new double[] { 1, 2, 3, 4, 6 }) bands.Update(v);
        double std = Math.Sqrt(14) / 3;
        Assert.Equal(13.0 / 3, bands.Middle, 12);
        Assert.Equal(13.0 / 3 + 1.5 * std, bands.Upper, 12);
        Assert.Equal(13.0 / 3 - 1.5 * std, bands.Lower, 12);
    }

    [Fact]
    public void Update_ConstantWindow_ZeroWidth()
    {
        var bands = new BollingerBands(4, 2);
        foreach (double v in new[] { 5, 7, 7, 7, 7 }) bands.Update(v);
        Assert.Equal(7, bands.Middle, 12);
        Assert.Equal(7, bands.Upper, 9);
        Assert.Equal(7, bands.Lower, 9);
    }

    [Fact]
    public void Reset_ForgetsEverything()
    {
        var bands = new BollingerBands(2, 2);
        Assert.Equal(2, bands.WarmUpPeriod);
        bands.Update(100);
        bands.Update(300);
        bands.Reset();
        Assert.False(bands.IsReady);
        Assert.Equal(0, bands.Samples);
        Assert.True(double.IsNaN(bands.Upper));
        bands.Update(1);
        bands.Update(3);
        // mean 2, population std 1
        Assert.Equal(4, bands.Upper, 12);
        Assert.Equal(0, bands.Lower, 12);
    }
}
