using Backtesting.Engine.Data;
using Backtesting.Http.Handlers;
using Backtesting.Http.Startup;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>
/// A fresh host offers more than one asset, so portfolios and comparisons across assets work out of the box; the
/// synthetic ones behave as their names say.
/// </summary>
public sealed class DemoAssetsTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task FreshHost_ListsEveryDemoAssetWithItsTimeframeAndBars()
    {
        var client = await fixture.Factory.CreateUserClientAsync("demo-reader");
        var assets = (await client.GetJsonAsync("/api/assets")).AsArray();

        (string Symbol, string Timeframe, long Bars)[] expected =
        [
            ("GOOG", "1d", 2148),               // shared/data/README.md
            ("EURUSD", "1h", 5000),             // same
            ("SYN-TREND", "1d", DemoAssets.SyntheticBars),
            ("SYN-MEANREV", "1d", DemoAssets.SyntheticBars),
            ("SYN-VOLATILE", "1d", DemoAssets.SyntheticBars),
        ];
        foreach (var (symbol, timeframe, bars) in expected)
        {
            var asset = assets.Single(a => (string)a!["symbol"]! == symbol)!;
            var only = asset["timeframes"]!.AsArray().Single()!;
            Assert.Equal(timeframe, (string)only["timeframe"]!);
            Assert.Equal(bars, (long)only["count"]!);
        }
    }

    [Fact]
    public async Task Portfolio_OverThreeSyntheticAssets_Completes()
    {
        var client = await fixture.Factory.CreateUserClientAsync("demo-portfolio");
        var run = await client.RunResearchAsync(ResearchHandlers.PortfoliosPrefix, new
        {
            start_date = "2014-01-01", end_date = "2024-12-31", initial_capital = 30000,
            assets = new object[]
            {
                new { symbol = "SYN-TREND", weight = 1.0 / 3 },
                new { symbol = "SYN-MEANREV", weight = 1.0 / 3, strategy_id = "rsi_reversion" },
                new { symbol = "SYN-VOLATILE", weight = 1.0 / 3, strategy_id = "sma_crossover" },
            },
        });

        var summary = run.Summary();
        var assets = summary["assets"]!.AsArray();
        Assert.Equal(["SYN-TREND", "SYN-MEANREV", "SYN-VOLATILE"], assets.Select(a => (string)a!["symbol"]!));
        // contributions are pnl / initial capital, so they add up to the portfolio's return
        Assert.Equal((double)summary["portfolio_metrics"]!["total_return"]!, assets.Sum(a => (double)a!["contribution"]!), 9);
        Assert.All(assets.Skip(1), a => Assert.True((int)a!["closed_trades"]! > 0));
    }

    [Fact]
    public void SyntheticAssets_BehaveAsNamed()
    {
        var trend = Closes("SYN-TREND");
        var meanReverting = Closes("SYN-MEANREV");
        var volatile_ = Closes("SYN-VOLATILE");

        // drift 30 % a year over ~7 years of model time (2610 steps of 1/365): e^(0.29 x 7.2) ~ 8x; well above 3x
        Assert.True(trend[^1] / trend[0] > 3, $"trend ends at {trend[^1] / trend[0]:F2}x");
        // stationary spread of the log price: sigma / sqrt(2 kappa) = 0.25 / 4 ~ 6 %, so it stays close to 100
        Assert.All(meanReverting, c => Assert.InRange(c, 60, 160));
        Assert.True(Crossings(meanReverting, 100) > 20, "a mean-reverting series keeps crossing its mean");
        // volatility 60 % against 15 %: daily log returns spread about 4x as widely
        Assert.True(StdevOfLogReturns(volatile_) > 3 * StdevOfLogReturns(trend));
    }

    [Fact]
    public void SyntheticAssets_AreDailyWeekdayBars()
    {
        var bars = Load("SYN-TREND");
        var days = Enumerable.Range(0, bars.Count).Select(bars.TimeAt).ToArray();
        Assert.All(days, d => Assert.True(d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && d.TimeOfDay == TimeSpan.Zero, $"{d:O}"));
        Assert.All(days.Zip(days.Skip(1)), p => Assert.InRange((p.Second - p.First).TotalDays, 1, 3));
    }

    private static BarSeries Load(string symbol) => DemoAssets.All.Single(a => a.Asset.Symbol == symbol).LoadBars()!;

    private static double[] Closes(string symbol) => Load(symbol).Close;

    private static int Crossings(double[] closes, double level) =>
        closes.Zip(closes.Skip(1)).Count(p => (p.First - level) * (p.Second - level) < 0);

    private static double StdevOfLogReturns(double[] closes)
    {
        var returns = closes.Zip(closes.Skip(1), (a, b) => Math.Log(b / a)).ToArray();
        double mean = returns.Average();
        return Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Length - 1));
    }
}
