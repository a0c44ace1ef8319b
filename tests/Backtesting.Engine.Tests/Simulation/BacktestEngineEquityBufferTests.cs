using Backtesting.Engine.Simulation;
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
    public void Run_EquityBufferOfAnotherLength_ThrowsNamingIt()
    {
        var bars = TestDataFiles.Gbm10000;
        var config = EngineRun.Config("sma_crossover", new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 30 });

        var ex = Assert.Throws<ArgumentException>(() => BacktestEngine.Run(bars, config, 100_000, equity: new double[bars.Count - 1]));

        Assert.Equal("equity", ex.ParamName);
        Assert.Contains($"{bars.Count - 1} points for {bars.Count} bars", ex.Message);
    }
}
