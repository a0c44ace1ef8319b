using Backtesting.Engine.Execution;
using Backtesting.Engine.Execution.Fees;
using Backtesting.Engine.Execution.Fills;
using Backtesting.Engine.Execution.Slippage;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Execution;

public sealed class ExecutionModelTests
{
    [Fact]
    public void NextOpenFill_FillsAtNextBarsOpen_AndNeverAfterTheLastBar()
    {
        var bars = TestBars.FromOpensAndCloses([10, 11, 12], [10.5, 11.5, 12.5]);
        var fill = NextOpenFillModel.Instance.Fill(new MarketOrder(0, OrderSide.Buy), bars);
        Assert.Equal(new FillResult(1, 11), fill);
        Assert.False(NextOpenFillModel.Instance.Fill(new MarketOrder(2, OrderSide.Sell), bars).Filled);
    }

    [Fact]
    public void CloseFill_FillsAtTheDecidingBarsClose()
    {
        var bars = TestBars.FromOpensAndCloses([10, 11, 12], [10.5, 11.5, 12.5]);
        Assert.Equal(new FillResult(2, 12.5), CloseFillModel.Instance.Fill(new MarketOrder(2, OrderSide.Buy), bars));
    }

    [Fact]
    public void PercentFee_RateTimesAbsoluteNotional()
    {
        var fees = new PercentFeeModel(0.002);
        // 0.002 x 55 x 179.13 = 19.7043
        Assert.Equal(19.7043, fees.GetFee(new FeeParameters(55, 179.13)), 10);
        Assert.Equal(19.7043, fees.GetFee(new FeeParameters(-55, 179.13)), 10);
        // units whose cost plus fee is the budget: 10000 / (179.13 x 1.002) = 55.714...
        Assert.Equal(10_000 / (179.13 * 1.002), fees.AffordableUnits(10_000, 179.13), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PercentFeeModel(-0.1));
    }

    [Fact]
    public void BpsSlippage_BuysUpSellsDown()
    {
        var slippage = new BpsSlippageModel(25);
        // 25 bps of 200 = 0.5
        Assert.Equal(200.5, slippage.Apply(new SlippageParameters(200, OrderSide.Buy)), 10);
        Assert.Equal(199.5, slippage.Apply(new SlippageParameters(200, OrderSide.Sell)), 10);
        Assert.Equal(200, NoSlippageModel.Instance.Apply(new SlippageParameters(200, OrderSide.Buy)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BpsSlippageModel(10_000));
    }
}
