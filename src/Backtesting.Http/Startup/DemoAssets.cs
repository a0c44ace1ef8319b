using Backtesting.Application.MarketData;
using Backtesting.Engine.Data;
using Backtesting.Engine.Synthetic;

namespace Backtesting.Http.Startup;

/// <summary>
/// What a fresh embedded host offers to try out every feature, portfolios and comparisons across assets included:
/// two real series (GOOG daily, EURUSD hourly) and three synthetic daily ones with deliberately different behaviour,
/// generated from fixed seeds so every machine gets the same bars.
/// </summary>
public static class DemoAssets
{
    /// <summary>Ten years of weekday bars from 2014-01-02.</summary>
    public const int SyntheticBars = 2610;

    private static readonly DateTime SyntheticStart = new(2014, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    public static IReadOnlyList<DemoAsset> All { get; } =
    [
        FromSampleFile(new Asset("GOOG", "Alphabet Inc. (demo daily bars 2004-2013)"), "1d", "GOOG.csv"),
        FromSampleFile(new Asset("EURUSD", "Euro / US dollar (demo hourly bars 2017-2018)", "forex", "USD"), "1h", "EURUSD.csv"),
        Synthetic("SYN-TREND", "Synthetic trending (demo daily bars: drift 30 a year, volatility 15)",
            new GbmOptions { Seed = 1001, Drift = 0.30, Volatility = 0.15 }),
        Synthetic("SYN-MEANREV", "Synthetic mean-reverting (demo daily bars: pulled back to 100, volatility 25)",
            new GbmOptions { Seed = 1002, Drift = 0, Volatility = 0.25, MeanReversion = 8 }),
        Synthetic("SYN-VOLATILE", "Synthetic volatile (demo daily bars: drift 5 a year, volatility 60)",
            new GbmOptions { Seed = 1003, Drift = 0.05, Volatility = 0.60 }),
    ];

    /// <summary>A bundled CSV, copied next to the process's assembly by the projects that link samples/*.csv.</summary>
    public static string SampleFilePath(string fileName) => Path.Combine(AppContext.BaseDirectory, "SampleData", fileName);

    private static DemoAsset FromSampleFile(Asset asset, string timeframe, string fileName) => new(asset, timeframe, () =>
    {
        string path = SampleFilePath(fileName);
        if (!File.Exists(path)) return null;
        using var file = File.OpenRead(path);
        return CsvBarReader.Read(file);
    });

    private static DemoAsset Synthetic(string symbol, string name, GbmOptions model) =>
        new(new Asset(symbol, name, "synthetic", "USD"), "1d", () => OnWeekdays(GbmBarGenerator.Generate(model with
        {
            Bars = SyntheticBars,
            Start = SyntheticStart,
            Interval = TimeSpan.FromDays(1),
            Decimals = 2,
        })));

    /// <summary>The same bars stamped on consecutive weekdays, as an exchange's daily bars are.</summary>
    private static BarSeries OnWeekdays(BarSeries bars)
    {
        var stamps = new long[bars.Count];
        var day = SyntheticStart;
        for (int i = 0; i < stamps.Length; i++, day = day.AddDays(1))
        {
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
            stamps[i] = day.Ticks;
        }
        return new BarSeries(stamps, bars.Open, bars.High, bars.Low, bars.Close, bars.Volume, bars.PriceDecimals);
    }
}
