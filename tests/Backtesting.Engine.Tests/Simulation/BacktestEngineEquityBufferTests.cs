using Backtesting.Engine.Simulation;
using Backtesting.Engine.Synthetic;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Simulation;

/// <summary>A caller's equity buffer (the CLI maps one while the file loads) against the engine's own array.</summary>
public sealed class BacktestEngineEquityBufferTests
{
    [Fact]
    public void Run_WithEquityBuffer_SameResultAndTheBufferIsTheCurve()
    {
        var bars = TestDataFiles.Gbm10000;
        var config = EngineRun.Config("sma_crossover", new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 30, ["commission"] = 0.0001 });
        var expected = BacktestEngine.Run(bars, config, 100_000);
        // garbage in the buffer: every point must be written by the run
        var buffer = Enumerable.Repeat(double.NaN, bars.Count).ToArray();

        var actual = BacktestEngine.Run(bars, config, 100_000, equity: buffer);

        Assert.Same(buffer, actual.Equity);
        Assert.Equal(expected.Equity, actual.Equity);
        Assert.Equal(expected.Metrics, actual.Metrics);
        Assert.Equal(expected.Trades, actual.Trades);
    }

    [Fact]
    public void Run_WithEquityBuffer_AllocatesNothingOfTheSeriesSize()
    {
        // a caller that drops each curve after use hands one back this way, so a loop of runs writes no fresh 8 bytes a
        // bar (fresh pages are what made a third of the steady 1M-bar runs 2-3x slower). 100,000 bars: the curve is
        // 800,000 bytes; what remains is the trades (64-byte values in 64 KB blocks) and a few small objects.
        var bars = GbmBarGenerator.Generate(new GbmOptions { Bars = 100_000, Seed = 3 });
        var config = EngineRun.Config("sma_crossover", new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 30, ["commission"] = 0.0001 });
        var buffer = new double[bars.Count];
        BacktestEngine.Run(bars, config, 100_000, equity: buffer); // the pooled signals rented once

        long before = GC.GetAllocatedBytesForCurrentThread();
        var withBuffer = BacktestEngine.Run(bars, config, 100_000, equity: buffer);
        long handedBack = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        BacktestEngine.Run(bars, config, 100_000);
        long fresh = GC.GetAllocatedBytesForCurrentThread() - before;

        int closed = withBuffer.Trades.Count;
        Assert.True(closed >= 1_000, $"{closed} trades");
        long tradeBlocks = (closed / 1024 + 1) * 1024 * 64;
        Assert.True(handedBack < tradeBlocks + 64 * 1024, $"a run into a handed-back curve allocated {handedBack} bytes ({tradeBlocks} in trade blocks)");
        // against its own trade blocks, not the other run's total: the small objects around a run vary by a few KB
        // from run to run (a CI run saw the fresh run 3.4 KB short of handedBack + curve)
        Assert.True(fresh >= tradeBlocks + bars.Count * sizeof(double), $"a run with its own curve allocated {fresh} bytes ({tradeBlocks} in trade blocks, {bars.Count * sizeof(double)} the curve)");
    }

    [Fact]
    public void Run_EquityBufferOfAnotherLength_ThrowsNamingIt()
    {
        var bars = TestDataFiles.Gbm10000;
        var config = EngineRun.Config("sma_crossover", new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 30 });

        var ex = Assert.Throws<ArgumentException>(() => BacktestEngine.Run(bars, config, 100_000, equity: new double[bars.Count - 1]));

        Assert.Equal("equity", ex.ParamName);
        Assert.Contains($"{bars.Count - 1} points for {bars.Count} bars", ex.Message);
    }
}
