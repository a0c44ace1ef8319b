using Backtesting.Engine.Data;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;
using Backtesting.Engine.Validation;
using Backtesting.Engine.WalkForward;

namespace Backtesting.Engine.Tests.Research;

public sealed class WalkForwardTests
{
    private static WalkForwardRequest Request(WindowLength inSample, WindowLength outOfSample, WalkForwardMode mode = WalkForwardMode.Rolling) => new()
    {
        StrategyId = "sma_crossover",
        FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.002 },
        Axes = [ParameterAxis.Range("fast_period", 5, 20, 5), ParameterAxis.Range("slow_period", 20, 60, 20)],
        InitialCapital = 10_000,
        InSample = inSample,
        OutOfSample = outOfSample,
        Mode = mode,
    };

    private static BarSeries Bars(int count) => TestDataFiles.Goog.Slice(0, count);

    [Fact]
    public void PlanWindows_RollingBars_TileTheDataAfterTheFirstInSample()
    {
        var windows = WalkForwardAnalyzer.PlanWindows(Bars(1000), Request(WindowLength.OfBars(300), WindowLength.OfBars(200)));

        Assert.Equal(
            [new(0, 0, 300, 300, 500), new(1, 200, 500, 500, 700), new(2, 400, 700, 700, 900), new WalkForwardWindow(3, 600, 900, 900, 1000)],
            windows);
    }

    [Fact]
    public void PlanWindows_AnchoredBars_InSampleAlwaysStartsAtTheFirstBar()
    {
        var windows = WalkForwardAnalyzer.PlanWindows(Bars(1000), Request(WindowLength.OfBars(300), WindowLength.OfBars(200), WalkForwardMode.Anchored));

        Assert.Equal([0, 0, 0, 0], windows.Select(w => w.InSampleStart));
        Assert.Equal([300, 500, 700, 900], windows.Select(w => w.InSampleEnd));
    }

    [Fact]
    public void PlanWindows_TimeLengths_MeasuredOnTimestamps()
    {
        var bars = TestDataFiles.Goog;
        var request = Request(WindowLength.Parse("365d"), WindowLength.Parse("13w"));

        var windows = WalkForwardAnalyzer.PlanWindows(bars, request);

        var first = bars.TimeAt(0);
        Assert.True(bars.TimeAt(windows[0].OutOfSampleStart) >= first.AddDays(365));
        Assert.True(bars.TimeAt(windows[0].OutOfSampleStart - 1) < first.AddDays(365));
        for (int k = 0; k < windows.Count; k++)
        {
            var w = windows[k];
            var boundary = first.AddDays(365 + 91 * k);
            Assert.True(bars.TimeAt(w.InSampleStart) >= boundary.AddDays(-365) && (w.InSampleStart == 0 || bars.TimeAt(w.InSampleStart - 1) < boundary.AddDays(-365)));
            Assert.True(bars.TimeAt(w.OutOfSampleEnd - 1) < boundary.AddDays(91));
            Assert.Equal(w.InSampleEnd, w.OutOfSampleStart);
            if (k > 0) Assert.Equal(windows[k - 1].OutOfSampleEnd, w.OutOfSampleStart);
        }
        Assert.Equal(bars.Count, windows[^1].OutOfSampleEnd);
    }

    [Fact]
    public void EvaluateWindow_OutOfSampleBarsChanged_SameParametersAndInSampleMetrics()
    {
        // rewrite every bar from the first out-of-sample bar on: the choice must not move
        var bars = Bars(1200);
        var request = Request(WindowLength.OfBars(400), WindowLength.OfBars(200));
        var windows = WalkForwardAnalyzer.PlanWindows(bars, request);
        var window = windows[1];
        var tampered = Tamper(bars, window.OutOfSampleStart);

        var original = WalkForwardAnalyzer.EvaluateWindow(bars, request, window);
        var changed = WalkForwardAnalyzer.EvaluateWindow(tampered, request, window);

        Assert.Equal(original.BestParameters, changed.BestParameters);
        Assert.Equal(original.InSampleMetrics, changed.InSampleMetrics);
        Assert.NotEqual(original.OutOfSampleMetrics, changed.OutOfSampleMetrics);
    }

    [Fact]
    public void EvaluateWindow_BarsAfterTheWindowChanged_SameOutOfSampleResult()
    {
        var bars = Bars(1200);
        var request = Request(WindowLength.OfBars(400), WindowLength.OfBars(200));
        var window = WalkForwardAnalyzer.PlanWindows(bars, request)[1];

        var original = WalkForwardAnalyzer.EvaluateWindow(bars, request, window);
        var changed = WalkForwardAnalyzer.EvaluateWindow(Tamper(bars, window.OutOfSampleEnd), request, window);

        Assert.Equal(original.OutOfSampleMetrics, changed.OutOfSampleMetrics);
        Assert.Equal(original.OutOfSampleEquity, changed.OutOfSampleEquity);
    }

    [Fact]
    public void EvaluateWindow_OutOfSample_UsesWarmSignalsAndTradesOnlyInsideTheWindow()
    {
        var bars = Bars(1200);
        var request = Request(WindowLength.OfBars(400), WindowLength.OfBars(300));
        var window = WalkForwardAnalyzer.PlanWindows(bars, request)[0];

        var result = WalkForwardAnalyzer.EvaluateWindow(bars, request, window);

        // the same as simulating the window's bars on the full-series signals, closing at the window's end
        var config = EngineRun.Config("sma_crossover", result.BestParameters!);
        var signals = new sbyte[bars.Count];
        config.CreateStrategy().GenerateSignals(bars, signals);
        var outOfSample = bars.Slice(window.OutOfSampleStart, window.OutOfSampleBars);
        var settings = config.ToSimulationSettings(10_000) with { CloseAtEnd = true };
        var expected = BacktestEngine.Run(outOfSample, new FixedSignalsStrategy(signals[window.OutOfSampleStart..window.OutOfSampleEnd]), settings,
            new BacktestOptions(PeriodsPerYear: 252));
        Assert.Equal(expected.Metrics, result.OutOfSampleMetrics);
        Assert.Equal(expected.Equity, result.OutOfSampleEquity);
        Assert.All(result.OutOfSampleTrades, t =>
        {
            Assert.InRange(t.EntryBar, window.OutOfSampleStart, window.OutOfSampleEnd - 1);
            Assert.InRange(t.ExitBar!.Value, window.OutOfSampleStart, window.OutOfSampleEnd - 1);
            Assert.False(t.IsOpen);
        });
        // a 50-bar slow average is defined at the window's first bar thanks to the earlier bars
        Assert.True(result.OutOfSampleMetrics.TotalTrades > 0);
    }

    [Fact]
    public void Run_WindowsEvaluatedInAnyOrder_MergeToTheSameResult()
    {
        var bars = TestDataFiles.Goog;
        var request = Request(WindowLength.OfBars(500), WindowLength.OfBars(250));
        var whole = WalkForwardAnalyzer.Run(bars, request);
        int count = WalkForwardAnalyzer.PlanWindows(bars, request).Count;

        var shuffled = Enumerable.Range(0, count).Reverse().Select(i => WalkForwardAnalyzer.EvaluateWindow(bars, request with { MaxParallelism = 1 }, i)).ToArray();
        var merged = WalkForwardAnalyzer.Merge(bars, request, shuffled);

        Assert.Equal(whole.Equity, merged.Equity);
        Assert.Equal(whole.Timestamps, merged.Timestamps);
        Assert.Equal(whole.Metrics, merged.Metrics);
        Assert.Equal(whole.Trades, merged.Trades);
        Assert.Equal(whole.WalkForwardEfficiency, merged.WalkForwardEfficiency);
        Assert.Equal(whole.Windows.Select(w => w.BestParameters), merged.Windows.Select(w => w.BestParameters));
    }

    [Fact]
    public void Merge_StitchesByCompoundingWindowReturns()
    {
        var bars = TestDataFiles.Goog;
        var request = Request(WindowLength.OfBars(500), WindowLength.OfBars(250));

        var result = WalkForwardAnalyzer.Run(bars, request);

        double capital = 10_000;
        int position = 0, trade = 0;
        foreach (var w in result.Windows)
        {
            double scale = capital / 10_000;
            for (int i = 0; i < w.OutOfSampleEquity.Length; i++)
                Assert.Equal(w.OutOfSampleEquity[i] * scale, result.Equity[position + i]);
            // the window's trades, sized to the stitched capital like its equity
            foreach (var t in w.OutOfSampleTrades)
            {
                var stitched = result.Trades[trade++];
                Assert.Equal((t.EntryBar, t.ExitBar, t.EntryPrice, t.ExitPrice), (stitched.EntryBar, stitched.ExitBar, stitched.EntryPrice, stitched.ExitPrice));
                Assert.Equal(t.Quantity * scale, stitched.Quantity);
                Assert.Equal(t.Pnl * scale, stitched.Pnl);
                Assert.Equal((t.EntryFee * scale, t.ExitFee * scale), (stitched.EntryFee, stitched.ExitFee));
            }
            position += w.OutOfSampleEquity.Length;
            capital = w.OutOfSampleEquity[^1] * scale;
            Assert.Equal(bars.Timestamps[w.Window.OutOfSampleStart], result.Timestamps[position - w.OutOfSampleEquity.Length]);
        }
        Assert.Equal(result.Equity.Length, position);
        Assert.Equal(trade, result.Trades.Count);
        Assert.True(trade > 0);
        AssertNumber.Relative(capital, result.Metrics.FinalCapital, 1e-12);
        Assert.Equal(result.Windows.Sum(w => w.OutOfSampleMetrics.TotalTrades), result.Metrics.TotalTrades);
        double meanInSample = result.Windows.Average(w => w.InSampleMetrics!.AnnualReturn);
        Assert.Equal(result.Metrics.AnnualReturn / meanInSample, result.WalkForwardEfficiency);
    }

    [Fact]
    public void Run_AllInSampleCellsInvalid_WindowsStayInCash()
    {
        var request = Request(WindowLength.OfBars(300), WindowLength.OfBars(200)) with
        {
            Axes = [new ParameterAxis("fast_period", [50.0]), new ParameterAxis("slow_period", [20.0])],
        };

        var result = WalkForwardAnalyzer.Run(Bars(900), request);

        Assert.All(result.Windows, w =>
        {
            Assert.Null(w.BestParameters);
            Assert.Equal(1, w.SkippedCells);
            Assert.Contains(w.Problems!, p => p.Field == "parameters.fast_period");
        });
        Assert.All(result.Equity, e => Assert.Equal(10_000, e));
    }

    [Fact]
    public void Validate_BadRequest_ReportsEveryProblem()
    {
        var request = Request(WindowLength.OfBars(0), WindowLength.OfDuration(TimeSpan.Zero)) with { Objective = "nope", MaxWindows = 0 };

        var errors = WalkForwardAnalyzer.Validate(request);

        Assert.Contains(errors, e => e.Field == "in_sample");
        Assert.Contains(errors, e => e.Field == "out_of_sample");
        Assert.Contains(errors, e => e.Field == "objective");
        Assert.Contains(errors, e => e.Field == "max_windows");
    }

    [Fact]
    public void PlanWindows_DataShorterThanInSample_ExplainsWhy()
    {
        var ex = Assert.Throws<ValidationException>(() => WalkForwardAnalyzer.PlanWindows(Bars(100), Request(WindowLength.OfBars(300), WindowLength.OfBars(50))));

        Assert.Contains(ex.Errors, e => e.Field == "in_sample" && e.Message.Contains("100 bars"));
    }

    [Fact]
    public void PlanWindows_TooManyWindows_IsRejected()
    {
        var request = Request(WindowLength.OfBars(100), WindowLength.OfBars(1)) with { MaxWindows = 50 };

        var ex = Assert.Throws<ValidationException>(() => WalkForwardAnalyzer.PlanWindows(Bars(1000), request));

        Assert.Contains(ex.Errors, e => e.Field == "out_of_sample" && e.Message.Contains("max_windows"));
    }

    [Theory]
    [InlineData("500", 500, null)]
    [InlineData("30d", null, 30 * 1440.0)]
    [InlineData("12h", null, 720.0)]
    [InlineData("90m", null, 90.0)]
    [InlineData("2w", null, 20160.0)]
    public void WindowLength_Parse_BarsOrSpans(string text, int? bars, double? minutes)
    {
        var length = WindowLength.Parse(text);

        Assert.Equal(bars, length.Bars);
        Assert.Equal(minutes, length.Duration?.TotalMinutes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("5y")]
    [InlineData("1e12d")]
    public void WindowLength_ParseGarbage_Throws(string text) => Assert.Throws<FormatException>(() => WindowLength.Parse(text));

    /// <summary>A copy whose bars from <paramref name="from"/> on are replaced by a different, still valid path.</summary>
    private static BarSeries Tamper(BarSeries bars, int from)
    {
        var open = (double[])bars.Open.Clone();
        var high = (double[])bars.High.Clone();
        var low = (double[])bars.Low.Clone();
        var close = (double[])bars.Close.Clone();
        for (int i = from; i < bars.Count; i++)
        {
            double factor = 1 + 0.3 * Math.Sin(i * 0.05);
            open[i] = Math.Round(open[i] * factor, 2);
            close[i] = Math.Round(close[i] * factor, 2);
            high[i] = Math.Max(Math.Round(high[i] * factor, 2), Math.Max(open[i], close[i]));
            low[i] = Math.Min(Math.Round(low[i] * factor, 2), Math.Min(open[i], close[i]));
        }
        return new BarSeries(bars.Timestamps, open, high, low, close, bars.Volume, bars.PriceDecimals);
    }
}
