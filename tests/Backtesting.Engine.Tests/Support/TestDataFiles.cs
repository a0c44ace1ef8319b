using Backtesting.Engine.Data;

namespace Backtesting.Engine.Tests.Support;

/// <summary>The reference CSV files copied to the test output (read once, shared read-only).</summary>
public static class TestDataFiles
{
    private static readonly Lazy<BarSeries> GoogBars = new(() => Load("GOOG.csv"));
    private static readonly Lazy<BarSeries> GbmBars = new(() => Load("gbm_10000.csv"));
    private static readonly Lazy<BarSeries> EurUsdBars = new(() => Load("EURUSD.csv"));

    /// <summary>2148 daily GOOG bars, 2004-08-19 .. 2013-03-01. Do not mutate.</summary>
    public static BarSeries Goog => GoogBars.Value;

    /// <summary>10000 synthetic 1-minute bars with 6 decimals. Do not mutate.</summary>
    public static BarSeries Gbm10000 => GbmBars.Value;

    /// <summary>5000 hourly EURUSD bars. Do not mutate.</summary>
    public static BarSeries EurUsd => EurUsdBars.Value;

    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "TestData", fileName);

    public static BarSeries Load(string fileName)
    {
        using var stream = File.OpenRead(PathOf(fileName));
        return CsvBarReader.Read(stream);
    }
}
