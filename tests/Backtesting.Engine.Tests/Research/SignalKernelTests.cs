using System.Globalization;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Backtesting.Engine.Data;
using Backtesting.Engine.Indicators;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Strategies.Kernels;
using Backtesting.Engine.Strategies.MacdCrossover;
using Backtesting.Engine.Strategies.SmaCrossover;
using Backtesting.Engine.Tests.Strategies;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Research;

/// <summary>Each strategy's signal kernel (shared series, prefix sums, vectorised scans) gives exactly the plain bar-by-bar rule.</summary>
public sealed class SignalKernelTests
{
    public static TheoryData<string, string, Dictionary<string, object?>> Cases()
    {
        var data = new TheoryData<string, string, Dictionary<string, object?>>();
        foreach (string file in new[] { "gbm", "goog", "eurusd" })
        {
            foreach (var (f, s) in new[] { (2, 4), (5, 20), (10, 30), (13, 200), (50, 60) })
                data.Add(file, "sma_crossover", new() { ["fast_period"] = f, ["slow_period"] = s });
            foreach (var (f, s) in new[] { (3, 9), (12, 26), (30, 90) })
                data.Add(file, "ema_crossover", new() { ["fast_period"] = f, ["slow_period"] = s });
            data.Add(file, "macd_crossover", new() { ["fast_period"] = 12, ["slow_period"] = 26, ["signal_period"] = 9 });
            data.Add(file, "macd_crossover", new() { ["fast_period"] = 5, ["slow_period"] = 35, ["signal_period"] = 5 });
            data.Add(file, "rsi_reversion", new() { ["period"] = 14, ["oversold"] = 30, ["overbought"] = 70 });
            data.Add(file, "rsi_reversion", new() { ["period"] = 5, ["oversold"] = 20.5, ["overbought"] = 80 });
            data.Add(file, "bollinger_reversion", new() { ["period"] = 20, ["num_std"] = 2 });
            data.Add(file, "bollinger_reversion", new() { ["period"] = 7, ["num_std"] = 1.3 });
            data.Add(file, "donchian_breakout", new() { ["entry_period"] = 20, ["exit_period"] = 10 });
            data.Add(file, "donchian_breakout", new() { ["entry_period"] = 5, ["exit_period"] = 55 });
            data.Add(file, "buy_and_hold", new());
        }
        return data;
    }

    private static BarSeries Bars(string file) => file switch
    {
        "goog" => TestDataFiles.Goog,
        "eurusd" => TestDataFiles.EurUsd,
        _ => TestDataFiles.Gbm10000,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kernel_AnyParameters_EqualsStreamingRule(string file, string strategyId, Dictionary<string, object?> parameters)
    {
        var bars = Bars(file);
        var config = EngineRun.Config(strategyId, parameters);
        var expected = StreamingSignals.For(strategyId, config.Parameters, bars);
        var kernel = config.Definition.CreateKernel(bars);
        var actual = new sbyte[bars.Count];
        Array.Fill(actual, (sbyte)7); // a kernel must write every bar

        kernel.Generate(config.Parameters, actual);

        Assert.Equal(expected, actual);
        Assert.Contains(expected, s => s != 0);
    }

    [Fact]
    public void Kernel_SharedAcrossManyParameterSets_KeepsEachExact()
    {
        // one kernel (one cache of EMA series) serving many cells, in parallel
        var bars = TestDataFiles.Gbm10000;
        var definition = StrategyCatalog.Find("macd_crossover")!;
        var kernel = definition.CreateKernel(bars);
        var sets = (from f in new[] { 5, 8, 12 } from s in new[] { 20, 26, 40 } from g in new[] { 3, 9 }
                    select EngineRun.Config("macd_crossover", new Dictionary<string, object?> { ["fast_period"] = f, ["slow_period"] = s, ["signal_period"] = g })).ToArray();
        Parallel.ForEach(sets, config =>
        {
            var expected = StreamingSignals.For("macd_crossover", config.Parameters, bars);
            var actual = new sbyte[bars.Count];
            kernel.Generate(config.Parameters, actual);
            Assert.Equal(expected, actual);
        });
    }

    [Theory]
    [InlineData(9, 9, 9, 9)] // one signal period in every lane
    [InlineData(2, 5, 9, 40)] // lanes ready on different bars: each runs alone up to the last one's ready bar
    [InlineData(3, 9, 3_000, 3_000)] // a period longer than GOOG's 2,148 bars: that cell never signals, the batch runs one at a time
    public void MacdKernel_FourCellsAtOnce_EachEqualsStreamingRule(int signalA, int signalB, int signalC, int signalD)
    {
        var bars = TestDataFiles.Goog;
        var kernel = new MacdCrossoverKernel(bars, new IndicatorSeriesCache(), maxLanes: 4); // the 256-bit path on any hardware
        Assert.Equal(Vector256.IsHardwareAccelerated ? 4 : 1, kernel.BatchWidth);
        var sets = new[] { (12, 26, signalA), (5, 35, signalB), (8, 17, signalC), (12, 26, signalD) }
            .Select(c => EngineRun.Config("macd_crossover", new Dictionary<string, object?> { ["fast_period"] = c.Item1, ["slow_period"] = c.Item2, ["signal_period"] = c.Item3 }).Parameters)
            .ToArray();
        var actual = sets.Select(_ => Enumerable.Repeat((sbyte)7, bars.Count).ToArray()).ToArray(); // every bar must be written

        kernel.GenerateMany(sets, actual);

        for (int k = 0; k < sets.Length; k++)
            Assert.Equal(StreamingSignals.For("macd_crossover", sets[k], bars), actual[k]);
        Assert.Contains(actual[1], s => s != 0);
    }

    [Fact]
    public void MacdKernel_BatchWidth_EightWhereTheHardwareHas512BitVectors()
    {
        var kernel = StrategyCatalog.Find("macd_crossover")!.CreateKernel(TestDataFiles.Goog);

        int expected = Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? 8 : Vector256.IsHardwareAccelerated ? 4 : 1;
        Assert.Equal(expected, kernel.BatchWidth);
    }

    public static TheoryData<int, int> MacdBatches() => new()
    {
        // (lanes allowed, cells in the batch): eight lanes full and with spare lanes (a cell count not a multiple of
        // eight), four lanes with spares, and one lane (hardware without 256- or 512-bit vectors: one cell at a time)
        { 8, 8 }, { 8, 7 }, { 8, 5 }, { 8, 3 }, { 8, 2 }, { 4, 4 }, { 4, 3 }, { 4, 2 }, { 1, 1 },
    };

    [Theory]
    [MemberData(nameof(MacdBatches))]
    public void MacdKernel_AnyBatchOnAnyLaneWidth_EachCellEqualsStreamingRule(int maxLanes, int cells)
    {
        // GOOG's 2,148 bars; signal periods ready on different bars (the lanes run alone up to the last one's ready bar),
        // one cell whose line is never ready (signal 3,000: it keeps its zeros and gives its lane up) among the first eight
        var bars = TestDataFiles.Goog;
        var all = new[] { (12, 26, 9), (5, 35, 2), (8, 17, 40), (3, 9, 3_000), (4, 60, 9), (20, 24, 5), (2, 3, 1), (12, 26, 17) }
            .Select(c => EngineRun.Config("macd_crossover", new Dictionary<string, object?> { ["fast_period"] = c.Item1, ["slow_period"] = c.Item2, ["signal_period"] = c.Item3 }).Parameters)
            .ToArray();
        var sets = all[..cells];
        var kernel = new MacdCrossoverKernel(bars, new IndicatorSeriesCache(), maxLanes);
        var actual = sets.Select(_ => Enumerable.Repeat((sbyte)7, bars.Count).ToArray()).ToArray(); // every bar must be written

        kernel.GenerateMany(sets, actual);

        for (int k = 0; k < sets.Length; k++)
            Assert.Equal(StreamingSignals.For("macd_crossover", sets[k], bars), actual[k]);
        Assert.Contains(actual[0], s => s != 0);
    }

    [Fact]
    public void MacdKernel_EightLanesOnLongSeries_EachCellEqualsStreamingRule()
    {
        // 10,000 GBM bars, the benchmark grid's shape (fast 4..18, slow 24..52, signal 9): many crosses per lane,
        // zeros included, so each lane's rule (a cross only against the last non-zero side) is exercised throughout
        var bars = TestDataFiles.Gbm10000;
        var sets = Enumerable.Range(0, 8)
            .Select(k => EngineRun.Config("macd_crossover", new Dictionary<string, object?> { ["fast_period"] = 4 + 2 * k, ["slow_period"] = 24 + 4 * k, ["signal_period"] = 9 }).Parameters)
            .ToArray();
        var kernel = StrategyCatalog.Find("macd_crossover")!.CreateKernel(bars);
        var actual = sets.Select(_ => Enumerable.Repeat((sbyte)7, bars.Count).ToArray()).ToArray();

        kernel.GenerateMany(sets, actual);

        for (int k = 0; k < sets.Length; k++)
        {
            var expected = StreamingSignals.For("macd_crossover", sets[k], bars);
            Assert.Equal(expected, actual[k]);
            Assert.True(expected.Count(s => s != 0) > 100);
        }
    }

    [Theory]
    [InlineData("ema", 3, 8, 12, 20)]
    [InlineData("ema", 1, 26, 26, 200)] // period 1 (the close itself) and one period in two lanes
    [InlineData("ema", 5, 9, 40, 2_148)] // the longest is ready on GOOG's last bar only: the lanes step together on no bar
    [InlineData("ema", 5, 9, 2_000, 3_000)] // one period longer than the series: every lane runs alone, that one all NaN
    [InlineData("rsi", 2, 5, 14, 30)]
    [InlineData("rsi", 1, 14, 14, 200)]
    [InlineData("rsi", 5, 9, 40, 2_147)] // ready on the last bar only
    [InlineData("rsi", 5, 9, 2_000, 3_000)]
    public void FourPeriodsAtOnce_EachEqualsStreamingIndicator(string indicator, int a, int b, int c, int d)
    {
        var close = TestDataFiles.Goog.Close;
        int[] periods = [a, b, c, d];
        double[][] series = [.. periods.Select(_ => Enumerable.Repeat(7.0, close.Length).ToArray())]; // every bar must be written

        if (indicator == "ema") IndicatorSeries.EmaFour(close, periods, series);
        else IndicatorSeries.RsiFour(close, periods, series);

        for (int k = 0; k < 4; k++)
        {
            var expected = indicator == "ema" ? Streaming(new ExponentialMovingAverage(periods[k]), close) : Streaming(new RelativeStrengthIndex(periods[k]), close);
            Assert.Equal(expected, series[k]); // bit for bit: NaN before ready, then the streaming values
            Assert.Equal(expected, indicator == "ema" ? IndicatorSeries.Ema(close, periods[k]) : IndicatorSeries.Rsi(close, periods[k]));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(156)] // re-summed once, at bar 9,984 (every 64 windows)
    [InlineData(10_000)] // defined on the last bar only
    [InlineData(12_000)] // never defined
    public void BollingerSeries_AnyPeriod_EqualsStreamingIndicator(int period)
    {
        var close = TestDataFiles.Gbm10000.Close;
        var bands = new BollingerBands(period, 1);
        var expected = new double[2 * close.Length];
        for (int i = 0; i < close.Length; i++)
        {
            bands.Update(close[i]);
            expected[i] = bands.IsReady ? bands.Middle : double.NaN;
            expected[close.Length + i] = bands.IsReady ? bands.StandardDeviation : double.NaN;
        }

        Assert.Equal(expected, IndicatorSeries.BollingerMiddleAndDeviation(close, period));
    }

    [Fact]
    public void RsiFour_FlatAndOneWayStretches_KeepThe50And100Cases()
    {
        // flat closes: no gain, no loss -> 50; then only rises -> 100; then a fall makes the ordinary formula apply
        double[] close = [.. Enumerable.Repeat(10.0, 12), .. Enumerable.Range(1, 8).Select(i => 10.0 + i), 15, 14, 16];
        int[] periods = [2, 3, 4, 5];
        double[][] series = [.. periods.Select(_ => new double[close.Length])];

        IndicatorSeries.RsiFour(close, periods, series);

        for (int k = 0; k < 4; k++)
            Assert.Equal(Streaming(new RelativeStrengthIndex(periods[k]), close), series[k]);
        Assert.Equal(50, series[0][11]);
        Assert.Equal(100, series[0][19]);
    }

    [Fact]
    public void ReversionScan_ValuesExactlyOnALevel_NeitherCrossNorClearTheSide()
    {
        // levels 30 / 70; blocks of four: bars 0-11 touch a level exactly (bar by bar), 12-19 do not (mask arithmetic,
        // bars 12 and 16 take the side carried from the block before), 20-21 are the tail
        double[] values = [50, 35, 25, 30, 30, 20, 40, 75, 70, 70, 80, 25, 29, 71, 50, 50, 75, 65, 20, 31, 10, 90];
        var signals = Enumerable.Repeat((sbyte)7, values.Length).ToArray();

        ReversionScan.Run(values, new ConstantLevels(30, 70), 0, signals);

        // 2: 25 crosses below 30 (buy); 3-5: 30 is on the level, 20 stays below; 7: 75 crosses above 70 (sell);
        // 8-10: 70 is on the level, 80 stays above; 11: 25 comes from above 30 (buy); 13: 71 comes from below 70 (sell);
        // 16: 75 after 50 (sell); 18: 20 after 65 (buy); 20: 10 after 31 (buy); 21: 90 after 10 (sell)
        Assert.Equal(new sbyte[] { 0, 0, 1, 0, 0, 0, 0, -1, 0, 0, 0, 1, 0, -1, 0, 0, -1, 0, 1, 0, 1, -1 }, signals);
    }

    [Theory]
    [InlineData(0, 1_007)] // eight-bar steps, then one four-bar step and a tail of three
    [InlineData(5, 1_011)] // a start that is not a multiple of eight or four: 125 eight-bar steps, one four-bar, a tail of two
    [InlineData(3, 14)] // one eight-bar step, no four-bar one, a tail of three
    [InlineData(2, 9)] // a four-bar step and a tail only
    public void ReversionScan_WholeNumbersTouchingTheLevels_EqualsTwoCrossoverTrackers(int start, int length)
    {
        // whole numbers 25..75 against levels 30 / 70: bars exactly on a level are frequent (about one in fifty), so
        // both the mask arithmetic (steps without a touch) and the bar-by-bar steps run, in eight-bar steps where the
        // hardware has 512-bit vectors, four-bar ones and the scalar tail
        var random = new Random(17);
        double[] values = [.. Enumerable.Range(0, length).Select(_ => (double)random.Next(25, 76))];
        var expected = new sbyte[length];
        CrossoverTracker low = new(), high = new();
        for (int i = start; i < length; i++)
        {
            if (low.Next(Math.Sign(values[i] - 30)) < 0) expected[i] = 1;
            if (high.Next(Math.Sign(values[i] - 70)) > 0) expected[i] = -1;
        }
        var signals = Enumerable.Repeat((sbyte)7, length).ToArray();

        ReversionScan.Run(values, new ConstantLevels(30, 70), start, signals);

        Assert.Equal(expected, signals);
        if (length > 100)
        {
            Assert.Contains(values, v => v is 30 or 70);
            Assert.True(expected.Count(x => x != 0) > 10);
        }
    }

    [Fact]
    public void MarkLane_SignsRecordedPerBar_CrossesOfThatLaneOnly()
    {
        // two lanes: bit 1 = lane 1 above, bit 3 = lane 1 below; lane 0's bits (0 and 2) are noise the scan must ignore
        const byte Up = 1 << 1, Down = 1 << 3;
        var signs = new byte[80];
        byte[] head = [Up | 4, Up, 1, Down | 1, Down, 4, Up, Down];
        head.CopyTo(signs, 0);
        for (int i = 8; i < 71; i++) signs[i] = (byte)(Down | (i % 2 == 0 ? 1 : 4)); // a long stretch below: the 32-byte steps
        signs[71] = Up;
        var signals = new sbyte[80];
        int last = 0;

        CrossoverScan.MarkLane(signs, lane: 1, lanes: 2, from: 0, ref last, signals);

        // 0: first side, no cross; 2 and 5: zero, nothing; 3: up -> down; 6: down -> up; 7: up -> down; 71: down -> up
        var expected = new sbyte[80];
        (expected[3], expected[6], expected[7], expected[71]) = (-1, 1, -1, 1);
        Assert.Equal(expected, signals);
        Assert.Equal(1, last);
    }

    private static double[] Streaming(ExponentialMovingAverage ema, double[] close) =>
        [.. close.Select(x => { ema.Update(x); return ema.IsReady ? ema.Value : double.NaN; })];

    private static double[] Streaming(RelativeStrengthIndex rsi, double[] close) =>
        [.. close.Select(x => { rsi.Update(x); return rsi.IsReady ? rsi.Value : double.NaN; })];

    [Theory]
    [InlineData("ema_crossover", "fast_period=5,5,5,30", "slow_period=60,80,9000,90")]
    [InlineData("rsi_reversion", "period=5,5,14,9500", "oversold=20,30,30,30")]
    [InlineData("bollinger_reversion", "period=20,20,20,7", "num_std=1,2,2.5,1.3")]
    [InlineData("donchian_breakout", "entry_period=20,20,5,9000", "exit_period=10,55,10,10")]
    public void ScanKernels_BatchInTiles_EachEqualsStreamingRule(string strategyId, string first, string second)
    {
        // 10,000 bars: the batch crosses tile boundaries with each cell's state carried; cells share series (period 5,
        // 20) and one is never (or barely) defined, so its zeros span whole tiles
        var bars = TestDataFiles.Gbm10000;
        var kernel = StrategyCatalog.Find(strategyId)!.CreateKernel(bars);
        var (a, b) = (first.Split('='), second.Split('='));
        var sets = a[1].Split(',').Zip(b[1].Split(','))
            .Select(v => EngineRun.Config(strategyId, new Dictionary<string, object?> { [a[0]] = double.Parse(v.First, CultureInfo.InvariantCulture), [b[0]] = double.Parse(v.Second, CultureInfo.InvariantCulture) }).Parameters)
            .ToArray();
        var actual = sets.Select(_ => Enumerable.Repeat((sbyte)7, bars.Count).ToArray()).ToArray(); // every bar must be written

        foreach (var part in kernel.Prepare(sets)) part();
        kernel.GenerateMany(sets, actual);

        for (int k = 0; k < sets.Length; k++)
            Assert.Equal(StreamingSignals.For(strategyId, sets[k], bars), actual[k]);
        Assert.Contains(actual[0], s => s != 0);
    }

    [Fact]
    public void SmaKernel_PricesTooLargeForDoubles_FallsBackToExactIntegers()
    {
        // 8 decimals and prices near 10^7: scaled prices ~10^15, beyond the 2^53 window the double path needs
        var closes = Enumerable.Range(0, 400).Select(i => 9_000_000 + 1000 * Math.Sin(i / 7.0) + i * 0.00000001).Select(v => Math.Round(v, 8)).ToArray();
        var bars = TestBars.FromCloses(closes);
        var config = EngineRun.Config("sma_crossover", new Dictionary<string, object?> { ["fast_period"] = 5, ["slow_period"] = 30 });
        var expected = StreamingSignals.For("sma_crossover", config.Parameters, bars);
        var actual = new sbyte[bars.Count];

        new SmaCrossoverKernel(bars).Generate(5, 30, actual);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void SmaKernel_ExactTies_AreTiesNotCrosses()
    {
        // DESIGN section 4: 0.4 + 0.5 equals 0.6 + 0.3 exactly, so d(4) = 0 and the cross is at bar 5
        var bars = TestBars.FromCloses(1.0, 0.3, 0.6, 0.4, 0.5, 0.9);
        var signals = new sbyte[bars.Count];

        new SmaCrossoverKernel(bars).Generate(2, 4, signals);

        Assert.Equal(new sbyte[] { 0, 0, 0, 0, 0, 1 }, signals);
    }

    [Fact]
    public void SignalKey_ExecutionParametersDiffer_SameKey()
    {
        var bars = TestDataFiles.Gbm10000;
        var a = EngineRun.Config("rsi_reversion", new Dictionary<string, object?> { ["period"] = 10, ["commission"] = 0.001 });
        var b = EngineRun.Config("rsi_reversion", new Dictionary<string, object?> { ["period"] = 10, ["direction"] = "short" });
        var c = EngineRun.Config("rsi_reversion", new Dictionary<string, object?> { ["period"] = 11 });
        var kernel = a.Definition.CreateKernel(bars);

        Assert.Equal(kernel.SignalKey(a.Parameters), kernel.SignalKey(b.Parameters));
        Assert.NotEqual(kernel.SignalKey(a.Parameters), kernel.SignalKey(c.Parameters));
    }

    [Theory]
    [InlineData("sma_crossover")]
    [InlineData("rsi_reversion")]
    [InlineData("buy_and_hold")]
    public void CreateStrategy_SingleRun_IsTheKernel(string strategyId)
    {
        // a single run's strategy object is built from the same kernel: no second implementation to drift
        var bars = TestDataFiles.Goog;
        var config = EngineRun.Config(strategyId, new Dictionary<string, object?>());
        var expected = StreamingSignals.For(strategyId, config.Parameters, bars);
        var actual = new sbyte[bars.Count];

        config.CreateStrategy().GenerateSignals(bars, actual);

        Assert.Equal(expected, actual);
    }
}
