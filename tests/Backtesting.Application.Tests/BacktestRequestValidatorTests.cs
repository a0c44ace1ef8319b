using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;

namespace Backtesting.Application.Tests;

public class BacktestRequestValidatorTests
{
    [Fact]
    public void Validate_DateOnlyEnd_CoversTheWholeDay()
    {
        var (parsed, errors) = BacktestRequestValidator.Validate(new BacktestRequest { StrategyId = "buy_and_hold", AssetSymbol = "X", StartDate = "2020-01-01", EndDate = "2020-01-31" }, new BacktestingLimits());

        Assert.Empty(errors);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), parsed!.Start);
        Assert.Equal(new DateTime(2020, 2, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(-1), parsed.End);
        Assert.Equal(10_000, parsed.InitialCapital);
        Assert.Equal("1d", parsed.Timeframe);
    }

    [Fact]
    public void Validate_Null_AsksForABody()
    {
        var (parsed, errors) = BacktestRequestValidator.Validate(null, new BacktestingLimits());
        Assert.Null(parsed);
        Assert.Equal("body", Assert.Single(errors).Field);
    }

    [Fact]
    public void Validate_RangeBeyondLimit_NamesEndDate()
    {
        var limits = new BacktestingLimits { MaxDateRangeDays = 30 };
        var (_, errors) = BacktestRequestValidator.Validate(new BacktestRequest { StrategyId = "buy_and_hold", AssetSymbol = "X", StartDate = "2020-01-01", EndDate = "2020-03-01" }, limits);
        Assert.Contains(errors, e => e.Field == "end_date" && e.Message.Contains("30 days"));
    }
}
