using Backtesting.Engine.Strategies;

namespace Backtesting.Engine.Tests.Strategies;

/// <summary>The contract's crossover rule on a stream of sign(d).</summary>
public sealed class CrossoverTrackerTests
{
    private static sbyte[] Feed(params int[] signs)
    {
        var tracker = new CrossoverTracker();
        return signs.Select(s => tracker.Next(s)).ToArray();
    }

    [Theory]
    [InlineData(new[] { -1, 0, 1 }, new sbyte[] { 0, 0, 1 })]
    [InlineData(new[] { -1, 0, -1 }, new sbyte[] { 0, 0, 0 })]
    [InlineData(new[] { 1, 0, 0, -1 }, new sbyte[] { 0, 0, 0, -1 })]
    [InlineData(new[] { 0, 0, 1, -1, 1 }, new sbyte[] { 0, 0, 0, -1, 1 })]
    [InlineData(new[] { 1, 1, 1 }, new sbyte[] { 0, 0, 0 })]
    [InlineData(new[] { -1, 1, 0, 1, -1 }, new sbyte[] { 0, 1, 0, 0, -1 })]
    public void Next_SignSequence_CrossesOnlyAgainstLastNonZero(int[] signs, sbyte[] expected)
    {
        Assert.Equal(expected, Feed(signs));
    }
}
