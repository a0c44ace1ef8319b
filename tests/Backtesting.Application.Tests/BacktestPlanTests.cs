using Backtesting.Application.Backtests;

namespace Backtesting.Application.Tests;

public class BacktestPlanTests
{
    [Theory]
    [InlineData(2148, 1)]
    [InlineData(2148, 7)]
    [InlineData(2148, 50)]
    [InlineData(5, 50)]
    public void Create_CoversEveryBarOnceInOrder(int bars, int chunks)
    {
        var plan = BacktestPlan.Create(bars, chunks);

        Assert.Equal(0, plan.Boundaries[0]);
        Assert.Equal(bars, plan.Boundaries[^1]);
        Assert.All(plan.Boundaries.Zip(plan.Boundaries.Skip(1)), p => Assert.True(p.Second > p.First));
        Assert.Equal(Math.Min(bars, chunks), plan.ChunkCount);
    }
}
