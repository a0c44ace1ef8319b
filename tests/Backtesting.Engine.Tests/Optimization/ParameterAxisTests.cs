using Backtesting.Engine.Optimization;

namespace Backtesting.Engine.Tests.Optimization;

public sealed class ParameterAxisTests
{
    [Fact]
    public void Range_TenthsStep_InclusiveStopWithoutDrift()
    {
        // accumulating 0.1 three times gives 0.30000000000000004 > 0.3 and would drop the stop
        var axis = ParameterAxis.Range("stop_loss_pct", 0.1, 0.3, 0.1);
        Assert.Equal(new object[] { 0.1, 0.2, 0.3 }, axis.Values);
    }

    [Theory]
    [InlineData(5, 50, 5, 10)]
    [InlineData(20, 200, 20, 10)]
    [InlineData(1, 2, 0.3, 4)] // 1, 1.3, 1.6, 1.9
    [InlineData(0.01, 0.1, 0.01, 10)]
    [InlineData(7, 7, 1, 1)]
    public void Range_Count_IncludesStopWhenOnTheGrid(double start, double stop, double step, int count)
    {
        var values = ParameterAxis.Range("x", start, stop, step).Values.Cast<double>().ToArray();
        Assert.Equal(count, values.Length);
        Assert.Equal(start, values[0]);
        for (int k = 0; k < count; k++)
            Assert.Equal(Math.Round(start + k * step, 10), values[k]);
        Assert.True(values[^1] <= stop);
    }

    [Fact]
    public void Range_HundredthsStep_LastValueIsExactlyTheStop()
    {
        var values = ParameterAxis.Range("commission", 0.01, 0.1, 0.01).Values.Cast<double>().ToArray();
        Assert.Equal(0.1, values[^1]);
        Assert.Equal(0.07, values[6]);
    }

    [Fact]
    public void Range_BadStepOrStop_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterAxis.Range("x", 1, 5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterAxis.Range("x", 5, 1, 1));
    }

    [Fact]
    public void Parse_StartStopStep_SameAsRange()
    {
        Assert.Equal(new object[] { 0.1, 0.2, 0.3 }, ParameterAxis.Parse("stop_loss_pct", "0.1:0.3:0.1").Values);
    }

    [Fact]
    public void Parse_List_ParsesScalars()
    {
        var axis = ParameterAxis.Parse("direction", "long, short,long_short");
        Assert.Equal(new object[] { "long", "short", "long_short" }, axis.Values);
        Assert.Equal(new object[] { 5.0, true, "x" }, ParameterAxis.Parse("p", "5,true,x").Values);
    }

    [Fact]
    public void Parse_BadRange_ThrowsFormatException()
    {
        var ex = Assert.Throws<FormatException>(() => ParameterAxis.Parse("fast_period", "5:x:1"));
        Assert.Contains("fast_period", ex.Message);
    }
}
