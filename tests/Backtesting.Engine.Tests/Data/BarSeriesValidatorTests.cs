using Backtesting.Engine.Data;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Data;

public sealed class BarSeriesValidatorTests
{
    private static BarSeries Series(long[] ts, double[] open, double[] high, double[] low, double[] close) =>
        new(ts, open, high, low, close, new double[ts.Length]);

    [Fact]
    public void Validate_ReferenceFiles_Pass()
    {
        BarSeriesValidator.Validate(TestDataFiles.Goog);
        BarSeriesValidator.Validate(TestDataFiles.Gbm10000);
        BarSeriesValidator.Validate(TestDataFiles.EurUsd);
    }

    [Fact]
    public void Validate_RepeatedTimestamp_ThrowsWithOneBasedRow()
    {
        long[] ts = [1000, 2000, 2000];
        var ex = Assert.Throws<BarDataException>(() => BarSeriesValidator.Validate(Series(ts, [1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1])));
        Assert.Equal(3, ex.Row);
        Assert.Contains("is not after the previous bar", ex.Message);
    }

    [Fact]
    public void Validate_LowAboveClose_ThrowsWithRow()
    {
        long[] ts = [1000, 2000];
        var ex = Assert.Throws<BarDataException>(() => BarSeriesValidator.Validate(Series(ts, [10, 10], [11, 11], [9, 9.8], [10, 9.7])));
        Assert.Equal(2, ex.Row);
        Assert.Contains("low 9.8 is above min(open, close) 9.7", ex.Message);
    }

    [Theory]
    [InlineData(10, 11, 9, 10.5, null)]
    [InlineData(10, 10, 10, 10, null)]
    [InlineData(10, 10.4, 9, 10.5, "high 10.4 is below max(open, close) 10.5")]
    [InlineData(10, 11, 9, double.PositiveInfinity, "close Infinity must be a finite price > 0")]
    [InlineData(-10, 11, 9, 10, "open -10 must be a finite price > 0")]
    public void Check_BarValues_ReasonOrNull(double open, double high, double low, double close, string? reason)
    {
        string? actual = BarSeriesValidator.Check(open, high, low, close, 1);
        if (reason is null) Assert.Null(actual);
        else Assert.Equal(reason, actual);
    }
}
