using Backtesting.Engine.Execution;
using Backtesting.Engine.Sessions;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Sessions;

/// <summary>
/// One rule everywhere (issue 13): placing, bar by bar, the orders sma_crossover 10/20 would place on GOOG gives that
/// strategy's reference backtest (DESIGN.md section 6), to the bit.
/// </summary>
public sealed class TradingSessionEquivalenceTests
{
    private static readonly SessionSettings Settings = new() { InitialCapital = 10_000, Commission = 0.002 };

    private static sbyte[] SmaSignals()
    {
        var config = EngineRun.Config("sma_crossover", new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 20 });
        var signals = new sbyte[TestDataFiles.Goog.Count];
        config.CreateStrategy().GenerateSignals(TestDataFiles.Goog, signals);
        return signals;
    }

    [Fact]
    public void ManualMarketOrders_GoogSma10x20_ReproduceReferenceBacktest()
    {
        var bars = TestDataFiles.Goog;
        var signals = SmaSignals();
        var session = new TradingSession(bars, Settings, TradingSession.Start(bars, Settings, 0));
        while (!session.AtEnd)
        {
            int t = session.CurrentBar;
            if (signals[t] > 0 && session.State.Units == 0)
                session.Place(new SessionOrderRequest { Side = OrderSide.Buy, Type = SessionOrderType.Market, PercentOfEquity = 100 });
            else if (signals[t] < 0 && session.State.Units > 0)
                session.Place(new SessionOrderRequest { Side = OrderSide.Sell, Type = SessionOrderType.Market, Quantity = session.State.Units });
            session.Advance(1);
        }

        var result = session.Result();
        Assert.Equal(63341.19136, Math.Round(result.Metrics.FinalCapital, 5));
        Assert.Equal(46, result.Metrics.TotalTrades);
        Assert.Equal(1, result.Metrics.OpenTrades);
        AssertNumber.MatchesPrinted("5908.84864", result.Metrics.TotalFees, "total_fees");
        // bit for bit against the engine's own backtest of the same rules: every equity point
        var backtest = EngineRun.Validated(bars, "sma_crossover",
            new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 }, 10_000);
        Assert.Equal(backtest.Equity, result.Equity);
        Assert.Equal(backtest.Trades, result.Trades);
    }

    [Fact]
    public void Autopilot_GoogSma10x20InChunks_ReproducesReferenceBacktest()
    {
        var bars = TestDataFiles.Goog;
        var config = EngineRun.Config("sma_crossover", new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 20 });
        var session = new TradingSession(bars, Settings, TradingSession.Start(bars, Settings, 0));
        // uneven chunks: the autopilot sees only the bars up to each chunk's end
        while (!session.AtEnd)
            session.Autopilot(config.CreateStrategy(), DirectionMode.Long, 1, 137);

        Assert.Equal(63341.19136, Math.Round(session.Result().Metrics.FinalCapital, 5));
        Assert.Equal(46, session.State.ClosedTrades.Count);
        Assert.NotEqual(0, session.State.Units);
    }
}
