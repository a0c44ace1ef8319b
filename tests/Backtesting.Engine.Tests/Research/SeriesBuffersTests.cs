using Backtesting.Engine.Optimization;
using Backtesting.Engine.Strategies.Kernels;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Research;

/// <summary>
/// Grids hand their indicator series and worker buffers to the next grid (<see cref="SeriesBuffers"/>,
/// <see cref="GridWorkerBuffers"/>): a recycled array must never reach two owners or be one the pool did not hand out,
/// and a grid on recycled buffers must give the same cells as on fresh ones.
/// </summary>
public sealed class SeriesBuffersTests
{
    [Fact]
    public void Return_SameArrayTwice_IsHandedOutOnce()
    {
        const int length = 31_337; // a length no series of the test data has, so no other test rents it
        var array = SeriesBuffers.Rent(length);
        SeriesBuffers.Return(array);
        SeriesBuffers.Return(array);

        var first = SeriesBuffers.Rent(length);
        var second = SeriesBuffers.Rent(length);

        Assert.False(ReferenceEquals(first, second));
        Assert.Equal(length, first.Length);
        Assert.Equal(length, second.Length);
    }

    [Fact]
    public void Recycle_SeriesThePoolDidNotHandOut_IsNeverReused()
    {
        const int length = 27_183;
        var foreign = new double[length]; // e.g. a rule's series that is an input array
        var cache = new IndicatorSeriesCache();
        cache.Add("foreign", foreign);
        cache.Recycle();

        for (int k = 0; k < 4; k++)
            Assert.False(ReferenceEquals(foreign, SeriesBuffers.Rent(length)));
        Assert.False(cache.Contains("foreign"));
    }

    [Fact]
    public void Reserve_ThenRent_AllocatesNoArray()
    {
        const int length = 29_989; // a length no series of the test data has (240 KB: each array above the threshold)
        SeriesBuffers.Reserve(3, length);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var rented = new[] { SeriesBuffers.Rent(length), SeriesBuffers.Rent(length), SeriesBuffers.Rent(length) };
        long reservedRents = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var fourth = SeriesBuffers.Rent(length);
        long fourthRent = GC.GetAllocatedBytesForCurrentThread() - before;

        // three arrays of 240 KB were reserved: renting them allocates only bookkeeping; the fourth is a new array
        Assert.True(reservedRents < length * sizeof(double) / 4, $"{reservedRents} bytes allocated by the reserved rents");
        Assert.True(fourthRent >= length * sizeof(double), $"{fourthRent} bytes allocated by the fourth rent");
        Assert.Equal(4, rented.Append(fourth).Distinct().Count());
        foreach (var array in rented.Append(fourth)) SeriesBuffers.Return(array);
    }

    [Theory]
    [InlineData("bollinger_reversion", "period", "num_std", 10.0, 1.5)]
    [InlineData("donchian_breakout", "entry_period", "exit_period", 20.0, 10.0)]
    [InlineData("ema_crossover", "fast_period", "slow_period", 5.0, 30.0)]
    [InlineData("rsi_reversion", "period", "oversold", 7.0, 20.0)]
    public void Run_AfterReserveMemory_EqualsEachCellsSingleRun(string strategy, string first, string second, double a, double b)
    {
        var bars = TestDataFiles.Gbm10000;
        var request = new OptimizationRequest
        {
            StrategyId = strategy,
            FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.0001 },
            Axes = [new ParameterAxis(first, [a, a + 4, a + 8]), new ParameterAxis(second, [b, b + 2, b + 4, b + 6])],
            InitialCapital = 100_000,
        };

        // the memory the grid will write, reserved ahead (as the CLI does while it warms up), must not change a cell
        GridOptimizer.ReserveMemory(bars, request);
        var result = GridOptimizer.Run(bars, request);

        Assert.Equal(12, result.Evaluated);
        foreach (var cell in result.Cells)
            Assert.Equal(GridOptimizer.Evaluate(bars, request, cell.Index, cell.Parameters).Metrics, cell.Metrics);
    }

    [Theory]
    [InlineData("bollinger_reversion", "period", "num_std", 10.0, 1.5)]
    [InlineData("macd_crossover", "fast_period", "slow_period", 6.0, 26.0)]
    [InlineData("donchian_breakout", "entry_period", "exit_period", 20.0, 10.0)]
    public void Run_AfterOtherGrids_EqualsTheFirstRunCellForCell(string strategy, string first, string second, double a, double b)
    {
        var bars = TestDataFiles.Gbm10000;
        OptimizationRequest Grid(string id, string x, string y, double u, double v) => new()
        {
            StrategyId = id,
            FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.0001 },
            Axes = [new ParameterAxis(x, [u, u + 4, u + 8]), new ParameterAxis(y, [v, v + 2, v + 4, v + 6])],
            InitialCapital = 100_000,
        };
        var request = Grid(strategy, first, second, a, b);

        var before = GridOptimizer.Run(bars, request);
        // other grids on the same bar count leave their series and buffers behind, then the same grid again
        GridOptimizer.Run(bars, Grid("ema_crossover", "fast_period", "slow_period", 5, 30));
        GridOptimizer.Run(bars, Grid("rsi_reversion", "period", "oversold", 7, 20));
        var after = GridOptimizer.Run(bars, request);

        Assert.Equal(12, after.Evaluated);
        for (int i = 0; i < before.Cells.Count; i++)
            Assert.True(before.Cells[i].Metrics == after.Cells[i].Metrics, $"cell {i}: {before.Cells[i].Metrics} vs {after.Cells[i].Metrics}");
        foreach (var cell in after.Cells)
            Assert.Equal(GridOptimizer.Evaluate(bars, request, cell.Index, cell.Parameters).Metrics, cell.Metrics);
    }
}
