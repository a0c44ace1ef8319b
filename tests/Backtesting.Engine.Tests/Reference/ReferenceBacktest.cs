using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;

namespace Backtesting.Engine.Tests.Reference;

/// <summary>
/// A small, slow, plain backtester that follows DESIGN sections 4-5 step by step, written without the engine's
/// code: <see cref="ReferenceSignals"/> decide at each close; an order decided at bar t fills at bar t+1's open
/// (never when t is the last bar) or, with fill = close, at bar t's close; units = floor(f x equity / (price x
/// (1 + commission))) from the equity when flat; commission = rate x units x fill price on every fill;
/// slippage moves every fill against the trader; long_short closes and reopens at the same fill; equity is
/// cash + units x close at every close; an open position at the end is an open trade (or closed at the last
/// close with close_at_end). Stop loss / take profit are out of its scope (hand-worked tests cover them).
/// </summary>
public static class ReferenceBacktest
{
    public static ReferenceRun Run(BarSeries bars, string strategyId, IReadOnlyDictionary<string, object?> parameters,
        double initialCapital, double periodsPerYear)
    {
        var p = new ReferenceParameters(parameters);
        if (p.Has("stop_loss_pct") || p.Has("take_profit_pct"))
            throw new NotSupportedException("the reference model does not simulate stop_loss_pct / take_profit_pct");
        sbyte[] signals = ReferenceSignals.For(strategyId, p, bars);
        var account = new Account(p, initialCapital);
        string direction = p.Text("direction", "long");
        bool fillAtClose = p.Text("fill", "next_open") == "close";

        int n = bars.Count;
        var equity = new double[n];
        int barsInMarket = 0;
        int? pendingTarget = null;
        for (int t = 0; t < n; t++)
        {
            // 1. yesterday's order fills at today's open
            if (pendingTarget is { } due)
            {
                account.MoveTo(due, bars.Open[t], t);
                pendingTarget = null;
            }
            // 2. today's signal, by direction: the position it asks for (null: no change)
            int? wanted = signals[t] switch
            {
                > 0 => direction == "short" ? 0 : 1,
                < 0 => direction == "long" ? 0 : -1,
                _ => null,
            };
            if (wanted is { } target && target != account.Side)
            {
                if (fillAtClose) account.MoveTo(target, bars.Close[t], t);
                else if (t + 1 < n) pendingTarget = target;
            }
            // 3. mark at the close
            equity[t] = account.Cash + account.Units * bars.Close[t];
            if (account.Units != 0) barsInMarket++;
        }

        if (account.Side != 0 && p.Flag("close_at_end"))
        {
            account.Close(bars.Close[n - 1], n - 1, ExitReason.EndOfData);
            equity[n - 1] = account.Cash;
        }
        var trades = new List<ReferenceTrade>(account.Closed);
        if (account.Side != 0)
        {
            double last = bars.Close[n - 1];
            trades.Add(new ReferenceTrade(account.Side > 0 ? PositionSide.Long : PositionSide.Short, account.Quantity, account.EntryBar,
                account.EntryPrice, account.EntryFee, null, last, 0, account.Side * account.Quantity * (last - account.EntryPrice) - account.EntryFee, ExitReason.Open));
        }
        return new ReferenceRun(initialCapital, periodsPerYear, equity, trades, barsInMarket);
    }

    /// <summary>Cash, the position and the closed trades.</summary>
    private sealed class Account(ReferenceParameters p, double initialCapital)
    {
        private readonly double _size = p.Number("position_size", 1);
        private readonly double _commission = p.Number("commission", 0);
        private readonly double _slippage = p.Number("slippage_bps", 0) / 10_000;
        private readonly bool _fractional = p.Flag("fractional");

        public double Cash { get; private set; } = initialCapital;
        public int Side { get; private set; }
        public double Quantity { get; private set; }
        public double Units => Side * Quantity;
        public int EntryBar { get; private set; }
        public double EntryPrice { get; private set; }
        public double EntryFee { get; private set; }
        public List<ReferenceTrade> Closed { get; } = [];

        /// <summary>Goes to the target side at one raw price: close what is held, then open the new side.</summary>
        public void MoveTo(int target, double rawPrice, int bar)
        {
            if (target == Side) return;
            if (Side != 0) Close(rawPrice, bar, ExitReason.Signal);
            if (target != 0) Open(target, rawPrice, bar);
        }

        public void Close(double rawPrice, int bar, ExitReason reason)
        {
            // closing a long sells (slips down), closing a short buys (slips up)
            double price = rawPrice * (Side > 0 ? 1 - _slippage : 1 + _slippage);
            double fee = _commission * Quantity * price;
            if (Side > 0) Cash += Quantity * price - fee;
            else Cash -= Quantity * price + fee;
            double pnl = Side * Quantity * (price - EntryPrice) - EntryFee - fee;
            Closed.Add(new ReferenceTrade(Side > 0 ? PositionSide.Long : PositionSide.Short, Quantity, EntryBar, EntryPrice, EntryFee,
                bar, price, fee, pnl, reason));
            Side = 0;
            Quantity = 0;
        }

        private void Open(int side, double rawPrice, int bar)
        {
            double price = rawPrice * (side > 0 ? 1 + _slippage : 1 - _slippage);
            double equity = Cash; // flat here
            double units = _size * equity / (price * (1 + _commission));
            if (!_fractional) units = Math.Floor(units);
            if (units <= 0) return;
            double fee = _commission * units * price;
            if (side > 0) Cash -= units * price + fee;
            else Cash += units * price - fee;
            Side = side;
            Quantity = units;
            EntryBar = bar;
            EntryPrice = price;
            EntryFee = fee;
        }
    }
}
