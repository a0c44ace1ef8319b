using Backtesting.Engine.Data;
using Backtesting.Engine.Execution;
using Backtesting.Engine.Sessions;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Sessions;

/// <summary>Section 10's fill rules on hand-built bars; every expected price is worked out in the comments.</summary>
public sealed class TradingSessionFillTests
{
    private static TradingSession Session(BarSeries bars, double capital = 10_000, double commission = 0, double slippageBps = 0)
    {
        var settings = new SessionSettings { InitialCapital = capital, Commission = commission, SlippageBps = slippageBps };
        return new TradingSession(bars, settings, TradingSession.Start(bars, settings, 0));
    }

    private static SessionOrder Buy(TradingSession s, SessionOrderType type, double quantity, double? limit = null, double? stop = null,
        double? stopLoss = null, double? takeProfit = null) =>
        s.Place(new() { Side = OrderSide.Buy, Type = type, Quantity = quantity, LimitPrice = limit, StopPrice = stop, StopLoss = stopLoss, TakeProfit = takeProfit });

    private static SessionOrder Sell(TradingSession s, SessionOrderType type, double quantity, double? limit = null, double? stop = null) =>
        s.Place(new() { Side = OrderSide.Sell, Type = type, Quantity = quantity, LimitPrice = limit, StopPrice = stop });

    [Fact]
    public void Market_PlacedAtBar0_FillsAtOpenOfBar1Only()
    {
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (11, 12, 10, 11.5)));
        var order = Buy(s, SessionOrderType.Market, 5);
        Assert.Empty(s.State.Fills); // nothing fills on the bar it was placed

        var step = s.Advance(1);

        // 5 units at the bar-1 open 11: cash 10000 - 55 = 9945; equity at the 11.5 close = 9945 + 57.5
        Assert.Equal(11, Assert.Single(step.Fills).Price);
        Assert.Equal(SessionOrderStatus.Filled, order.Status);
        Assert.Equal(9945, s.State.Cash);
        Assert.Equal(10_002.5, s.State.Equity[^1]);
    }

    [Fact]
    public void LimitBuy_TradesThrough_FillsAtLimit_GapBelow_FillsAtOpen()
    {
        // bar 1 opens 10 and trades down to 9: low 9 <= 9.5 -> min(10, 9.5) = 9.5
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (10, 10.5, 9, 10)));
        Buy(s, SessionOrderType.Limit, 1, limit: 9.5);
        Assert.Equal(9.5, Assert.Single(s.Advance(1).Fills).Price);

        // bar 1 opens at 9, below the limit: min(9, 9.5) = 9
        var gap = Session(TestBars.Ohlc((10, 10, 10, 10), (9, 9.8, 8.8, 9.5)));
        Buy(gap, SessionOrderType.Limit, 1, limit: 9.5);
        Assert.Equal(9, Assert.Single(gap.Advance(1).Fills).Price);
    }

    [Fact]
    public void LimitBuy_NotReached_StaysWorking()
    {
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (10, 10.5, 9.6, 10)));
        var order = Buy(s, SessionOrderType.Limit, 1, limit: 9.5);
        Assert.Empty(s.Advance(1).Fills);
        Assert.True(order.IsWorking);
    }

    [Fact]
    public void LimitSell_GapAbove_FillsAtOpen()
    {
        // long 1 from bar 1's open 10; the sell limit 11 meets bar 2 opening at 12: max(12, 11) = 12
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (10, 10, 10, 10), (12, 12.5, 11.5, 12)));
        Buy(s, SessionOrderType.Market, 1);
        s.Advance(1);
        Sell(s, SessionOrderType.Limit, 1, limit: 11);
        Assert.Equal(12, Assert.Single(s.Advance(1).Fills).Price);
        Assert.Equal(0, s.State.Units);
        Assert.Equal(2, s.State.ClosedTrades[0].Pnl); // 1 x (12 - 10), no commission
    }

    [Fact]
    public void StopBuy_TradesThrough_FillsAtStop_GapAbove_FillsAtOpen()
    {
        // high 11.5 >= 11: max(10.5, 11) = 11
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (10.5, 11.5, 10.2, 11)));
        Buy(s, SessionOrderType.Stop, 1, stop: 11);
        Assert.Equal(11, Assert.Single(s.Advance(1).Fills).Price);

        // opens at 12 above the stop: max(12, 11) = 12
        var gap = Session(TestBars.Ohlc((10, 10, 10, 10), (12, 12.5, 11.8, 12)));
        Buy(gap, SessionOrderType.Stop, 1, stop: 11);
        Assert.Equal(12, Assert.Single(gap.Advance(1).Fills).Price);
    }

    [Fact]
    public void StopSell_GapBelow_FillsAtOpen()
    {
        // long 1 at 10; the sell stop 9 meets bar 2 opening at 8: min(8, 9) = 8
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (10, 10, 10, 10), (8, 8.5, 7.5, 8)));
        Buy(s, SessionOrderType.Market, 1);
        s.Advance(1);
        Sell(s, SessionOrderType.Stop, 1, stop: 9);
        Assert.Equal(8, Assert.Single(s.Advance(1).Fills).Price);
    }

    [Fact]
    public void StopLimitBuy_TriggeredWithinLimit_FillsAtStop_GapBeyondLimit_WaitsForTheLimit()
    {
        // stop 11 trades (high 11.5), trigger price max(10.5, 11) = 11 <= limit 11.2: fills at 11
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (10.5, 11.5, 10, 11)));
        Buy(s, SessionOrderType.StopLimit, 1, limit: 11.2, stop: 11);
        Assert.Equal(11, Assert.Single(s.Advance(1).Fills).Price);

        // opens 11.5 above the limit: triggered, no fill; bar 2 opens 11.4, low 11.0 <= 11.2 -> min(11.4, 11.2) = 11.2
        var gap = Session(TestBars.Ohlc((10, 10, 10, 10), (11.5, 11.6, 11.3, 11.5), (11.4, 11.5, 11.0, 11.1)));
        var order = Buy(gap, SessionOrderType.StopLimit, 1, limit: 11.2, stop: 11);
        Assert.Empty(gap.Advance(1).Fills);
        Assert.True(order.Triggered);
        Assert.Equal(11.2, Assert.Single(gap.Advance(1).Fills).Price);
    }

    [Fact]
    public void AttachedExits_BothInsideOneBar_StopLossFillsFirst_TakeProfitCancelled()
    {
        // entry at bar 1's open 100 (stop 95, target 105); bar 2 spans 94..106: the stop is assumed first, at 95
        var s = Session(TestBars.Ohlc((100, 100, 100, 100), (100, 101, 99, 100), (100, 106, 94, 100)));
        Buy(s, SessionOrderType.Market, 10, stopLoss: 95, takeProfit: 105);
        s.Advance(1);
        var exits = s.WorkingOrders.ToList();
        Assert.Equal(2, exits.Count);

        var fill = Assert.Single(s.Advance(1).Fills);

        Assert.Equal(95, fill.Price);
        Assert.Equal(ExitReason.StopLoss, s.State.ClosedTrades[0].ExitReason);
        Assert.Equal(-50, s.State.ClosedTrades[0].Pnl); // 10 x (95 - 100)
        Assert.Empty(s.WorkingOrders);
        Assert.Contains(s.State.Orders, o => o.Source == "take_profit" && o.Status == SessionOrderStatus.Cancelled);
    }

    [Fact]
    public void AttachedStopLoss_GapThrough_FillsAtOpen()
    {
        // bar 2 opens at 90, below the 95 stop: fills at 90
        var s = Session(TestBars.Ohlc((100, 100, 100, 100), (100, 101, 99, 100), (90, 92, 89, 91)));
        Buy(s, SessionOrderType.Market, 10, stopLoss: 95, takeProfit: 105);
        s.Advance(2);
        Assert.Equal(90, s.State.Fills[^1].Price);
        Assert.Equal(-100, s.State.ClosedTrades[0].Pnl); // 10 x (90 - 100)
    }

    [Fact]
    public void AttachedTakeProfit_GapAbove_FillsAtOpenEvenIfLowCrossesStop()
    {
        // bar 2 opens 107 (through the 105 target) and later trades to 94: the open decides, take profit at 107
        var s = Session(TestBars.Ohlc((100, 100, 100, 100), (100, 101, 99, 100), (107, 108, 94, 100)));
        Buy(s, SessionOrderType.Market, 10, stopLoss: 95, takeProfit: 105);
        s.Advance(2);
        Assert.Equal(107, s.State.Fills[^1].Price);
        Assert.Equal(ExitReason.TakeProfit, s.State.ClosedTrades[0].ExitReason);
    }

    [Fact]
    public void AttachedExits_NeverFillOnTheEntryBar()
    {
        // bar 1: entry at the open 100, then the low 90 passes the 95 stop; the stop works from bar 2 (open 96, low 94 -> 95)
        var s = Session(TestBars.Ohlc((100, 100, 100, 100), (100, 101, 90, 97), (96, 97, 94, 95)));
        Buy(s, SessionOrderType.Market, 10, stopLoss: 95);
        Assert.Single(s.Advance(1).Fills);
        Assert.Equal(10, s.State.Units);
        Assert.Equal(95, Assert.Single(s.Advance(1).Fills).Price);
    }

    [Fact]
    public void PercentOfEquity_SizesAtTheFillWithCommission()
    {
        // equity 10000 at the 99 open, commission 1%: floor(10000 / (99 x 1.01)) = floor(100.01) = 100 units;
        // fee 0.01 x 100 x 99 = 99; cash 10000 - 9900 - 99 = 1
        var s = Session(TestBars.Ohlc((100, 100, 100, 100), (99, 99, 99, 99)), commission: 0.01);
        s.Place(new() { Side = OrderSide.Buy, Type = SessionOrderType.Market, PercentOfEquity = 100 });
        var fill = Assert.Single(s.Advance(1).Fills);
        Assert.Equal(100, fill.Quantity);
        Assert.Equal(99, fill.Fee, 9);
        Assert.Equal(1, s.State.Cash, 9);
    }

    [Fact]
    public void Slippage_MovesTheFillAgainstTheBuyer()
    {
        // 10 bps on a buy at 100: 100 x 1.001 = 100.1
        var s = Session(TestBars.Ohlc((100, 100, 100, 100), (100, 100, 100, 100)), slippageBps: 10);
        Buy(s, SessionOrderType.Market, 1);
        Assert.Equal(100.1, Assert.Single(s.Advance(1).Fills).Price, 12);
    }

    [Fact]
    public void BuyBeyondCash_AtPlacement_RefusedNamingQuantity()
    {
        // 2000 units at the current close 10 cost 20000 > 10000
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (10, 10, 10, 10)));
        var error = Assert.Throws<SessionOrderException>(() => Buy(s, SessionOrderType.Market, 2000));
        Assert.Equal("quantity", error.Field);
        Assert.Empty(s.State.Orders);
    }

    [Fact]
    public void BuyBeyondCash_AfterGapUp_RejectedAtFill_NothingChanges()
    {
        // 900 units were affordable at 10 (9000); the next open is 12: 10800 > 10000
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (12, 12, 12, 12)));
        var order = Buy(s, SessionOrderType.Market, 900);
        var step = s.Advance(1);
        Assert.Empty(step.Fills);
        Assert.Same(order, Assert.Single(step.Rejected));
        Assert.Equal(SessionOrderStatus.Rejected, order.Status);
        Assert.Equal(10_000, s.State.Cash);
        Assert.Equal(0, s.State.Units);
    }

    [Fact]
    public void Short_BeyondEquityCover_Refused_WithinCover_Fills()
    {
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (10, 10, 10, 10)));
        // 1500 short at 10 = 15000 of exposure against equity 10000
        Assert.Equal("quantity", Assert.Throws<SessionOrderException>(() => Sell(s, SessionOrderType.Market, 1500)).Field);
        Sell(s, SessionOrderType.Market, 500);
        s.Advance(1);
        Assert.Equal(-500, s.State.Units);
        Assert.Equal(15_000, s.State.Cash); // proceeds 500 x 10 join the cash
        Assert.Equal(10_000, s.State.Equity[^1]); // 15000 - 500 x 10
    }

    [Fact]
    public void SellMoreThanHeld_Reverses_ClosingThenOpeningTheRest()
    {
        // long 10 at 10; sell 15 at the next open 11: close 10 (pnl +10), then short 5
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (10, 10, 10, 10), (11, 11, 11, 11)));
        Buy(s, SessionOrderType.Market, 10);
        s.Advance(1);
        Sell(s, SessionOrderType.Market, 15);
        s.Advance(1);
        Assert.Equal(-5, s.State.Units);
        Assert.Equal(10, s.State.ClosedTrades[0].Pnl);
        Assert.Equal(11, s.State.EntryPrice);
    }

    [Theory]
    [InlineData(SessionOrderType.Limit, null, null, "limit_price")]
    [InlineData(SessionOrderType.Stop, null, null, "stop_price")]
    [InlineData(SessionOrderType.StopLimit, 9.0, null, "stop_price")]
    [InlineData(SessionOrderType.Market, 9.0, null, "limit_price")]
    public void MissingOrMisplacedPrice_RefusedNamingTheField(SessionOrderType type, double? limit, double? stop, string field)
    {
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (10, 10, 10, 10)));
        var error = Assert.Throws<SessionOrderException>(() => Buy(s, type, 1, limit, stop));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void QuantityRules_NegativeAndBothSizes_Refused()
    {
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (10, 10, 10, 10)));
        Assert.Equal("quantity", Assert.Throws<SessionOrderException>(() => Buy(s, SessionOrderType.Market, -5)).Field);
        Assert.Equal("quantity", Assert.Throws<SessionOrderException>(() =>
            s.Place(new() { Side = OrderSide.Buy, Type = SessionOrderType.Market, Quantity = 1, PercentOfEquity = 50 })).Field);
        Assert.Equal("percent_of_equity", Assert.Throws<SessionOrderException>(() =>
            s.Place(new() { Side = OrderSide.Buy, Type = SessionOrderType.Market, PercentOfEquity = 150 })).Field);
        Assert.Equal("stop_loss", Assert.Throws<SessionOrderException>(() => Buy(s, SessionOrderType.Market, 1, stopLoss: 11)).Field);
    }

    [Fact]
    public void Cancel_FilledOrder_Refused_UnknownOrder_NotFound()
    {
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (10, 10, 10, 10), (10, 10, 10, 10)));
        var order = Buy(s, SessionOrderType.Market, 1);
        s.Advance(1);
        Assert.Equal("order_id", Assert.Throws<SessionOrderException>(() => s.Cancel(order.Id)).Field);
        Assert.Throws<KeyNotFoundException>(() => s.Cancel("o-99"));
    }

    [Fact]
    public void Cancel_WorkingOrder_NeverFills()
    {
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (10, 10, 10, 10)));
        var order = Buy(s, SessionOrderType.Market, 1);
        s.Cancel(order.Id);
        Assert.Empty(s.Advance(1).Fills);
        Assert.Equal(SessionOrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void Advance_PastTheEnd_StopsAtLastBarAndSaysSo()
    {
        var s = Session(TestBars.Ohlc((10, 10, 10, 10), (10, 10, 10, 10), (10, 10, 10, 10)));
        var step = s.Advance(10);
        Assert.Equal(2, step.BarsAdvanced);
        Assert.True(step.ReachedEnd);
        Assert.Equal(2, s.CurrentBar);
        Assert.Equal(3, s.State.Equity.Count); // one point per bar since the start
        Assert.Equal("session", Assert.Throws<SessionOrderException>(() => Buy(s, SessionOrderType.Market, 1)).Field);
    }

    [Fact]
    public void Finish_AtClose_ClosesAtCurrentClose_AtNextOpen_ClosesAtNextOpen()
    {
        var bars = TestBars.Ohlc((10, 10, 10, 10), (10, 12, 10, 12), (13, 13, 13, 13));
        var atClose = Session(bars);
        Buy(atClose, SessionOrderType.Market, 10);
        atClose.Advance(1);
        var result = atClose.Finish(SessionCloseMode.Close);
        Assert.Equal(20, Assert.Single(result.Trades).Pnl); // 10 x (12 - 10)
        Assert.Equal(10_020, result.Metrics.FinalCapital);

        var atOpen = Session(bars);
        Buy(atOpen, SessionOrderType.Market, 10);
        atOpen.Advance(1);
        var next = atOpen.Finish(SessionCloseMode.NextOpen);
        Assert.Equal(30, Assert.Single(next.Trades).Pnl); // 10 x (13 - 10)
        Assert.Equal(3, next.Equity.Length);
    }
}
