using Backtesting.Engine.Execution;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Engine.Portfolio;

/// <summary>
/// The portfolio's bar loop over the union of the assets' timestamps. At each time, for the assets
/// that have a bar then: pending signal orders fill at the open (every exit first, then every
/// entry, so freed cash funds new positions), a due rebalance trades at the open, stops are checked,
/// the bar's signals are acted on (fills at the close, exits first), then equity is marked at the
/// close with every asset at its latest close. The position rules are the single-asset core's
/// (<see cref="PositionBook"/>), so one asset at weight 1 reproduces <see cref="BacktestSimulator"/> bit for bit;
/// only the cross-asset ordering, the shared cash and rebalancing are the portfolio's own.
/// </summary>
internal sealed class PortfolioSimulation(IReadOnlyList<AssetBook> assets, long[] timeline, double initialCapital, RebalanceMode rebalance, double driftThreshold)
{
    private readonly List<Trade> _closed = [];
    private double _cash = initialCapital;
    private double _totalFees;
    private bool _rebalanceDue;

    public double[] Equity { get; } = new double[timeline.Length];
    public IReadOnlyList<Trade> ClosedTrades => _closed;
    public double TotalFees => _totalFees;
    public int BarsInMarket { get; private set; }
    public int Rebalances { get; private set; }
    public double Cash => _cash;

    /// <summary>Simulates every bar of the timeline; <paramref name="progress"/> hears the bars done about every percent.</summary>
    public void Run(IProgress<int>? progress = null)
    {
        var entries = new List<(AssetBook Asset, int Target, double Price)>();
        int progressStep = Math.Max(1, timeline.Length / 100), reported = 0;
        for (int u = 0; u < timeline.Length; u++)
        {
            long now = timeline[u];
            foreach (var a in assets)
            {
                a.Active = a.Cursor + 1 < a.Bars.Count && a.Bars.Timestamps[a.Cursor + 1] == now;
                if (a.Active) a.Cursor++;
            }

            // pending signal orders at the open: exits, then entries
            entries.Clear();
            foreach (var a in assets)
            {
                if (!a.Active || a.PendingBar != a.Cursor) continue;
                a.PendingBar = -1;
                Route(a, a.PendingTarget, a.PendingPrice, entries);
            }
            OpenAll(entries, atOpen: true);

            if (u > 0 && (_rebalanceDue || PeriodStarts(timeline[u - 1], now)))
                Rebalance();
            _rebalanceDue = false;

            foreach (var a in assets)
                if (a.Active && (a.Settings.StopLossPct is not null || a.Settings.TakeProfitPct is not null)
                    && a.Position.TryStopExit(a.Settings, a.Cursor, a.Bars.Open[a.Cursor], a.Bars.High[a.Cursor], a.Bars.Low[a.Cursor], out double stopPrice, out var reason))
                    ClosePosition(a, stopPrice, reason);

            entries.Clear();
            foreach (var a in assets)
            {
                if (!a.Active) continue;
                int signal = a.Signals[a.Cursor];
                if (signal == 0) continue;
                int current = Math.Sign(a.Units);
                int target = PositionBook.TargetFor(a.Settings.Direction, signal, current);
                if (target == int.MinValue) continue;
                var fill = a.FillRule.Fill(a.Cursor, target > current ? OrderSide.Buy : OrderSide.Sell);
                if (fill.Filled && fill.Bar == a.Cursor)
                {
                    Route(a, target, fill.Price, entries);
                }
                else if (fill.Filled)
                {
                    a.PendingBar = fill.Bar;
                    a.PendingTarget = target;
                    a.PendingPrice = fill.Price;
                }
            }
            OpenAll(entries, atOpen: false);

            double held = 0;
            bool inMarket = false;
            foreach (var a in assets)
            {
                held += a.Units * a.LastClose;
                if (a.Units != 0) { inMarket = true; a.BarsInMarket++; }
            }
            Equity[u] = _cash + held;
            if (inMarket) BarsInMarket++;
            if (rebalance == RebalanceMode.Threshold) _rebalanceDue = Drifted(Equity[u]);
            if (progress is not null && ((u + 1) % progressStep == 0 || u + 1 == timeline.Length))
            {
                progress.Report(u + 1 - reported);
                reported = u + 1;
            }
        }
    }

    /// <summary>After the last bar: closes positions of assets with close_at_end at their last close and re-marks the last point.</summary>
    public void Finish()
    {
        bool closed = false;
        foreach (var a in assets)
        {
            if (a.Units == 0 || !a.Settings.CloseAtEnd) continue;
            ClosePosition(a, a.LastClose, ExitReason.EndOfData);
            closed = true;
        }
        if (!closed || Equity.Length == 0) return;
        double held = 0;
        foreach (var a in assets) held += a.Units * a.LastClose;
        Equity[^1] = _cash + held;
    }

    /// <summary>The open trade of an asset still holding a position, marked at its last close.</summary>
    public static Trade? OpenTrade(AssetBook a) => a.Units == 0 ? null : a.Position.OpenTrade(a.Bars, a.LastClose);

    /// <summary>Closes now (the exit half of an order) and queues the entry half, as the single simulator's ExecuteTarget does.</summary>
    private void Route(AssetBook a, int target, double rawPrice, List<(AssetBook, int, double)> entries)
    {
        int current = Math.Sign(a.Units);
        if (current == target) return;
        if (current != 0) ClosePosition(a, rawPrice, ExitReason.Signal);
        if (target != 0) entries.Add((a, target, rawPrice));
    }

    private void OpenAll(List<(AssetBook Asset, int Target, double Price)> entries, bool atOpen)
    {
        foreach (var (a, target, price) in entries)
            OpenPosition(a, target, price, EquityNow(atOpen));
    }

    private double EquityNow(bool atOpen)
    {
        double held = 0;
        foreach (var a in assets) held += a.Units * a.Mark(atOpen);
        return _cash + held;
    }

    private void OpenPosition(AssetBook a, int target, double rawPrice, double equity)
    {
        var s = a.Settings;
        double budget = s.PositionSize * (a.Weight * equity);
        // shared cash: a long entry cannot spend more than there is (never binding for one asset, where budget <= cash)
        if (target > 0 && budget > _cash) budget = _cash;
        if (a.Position.Open(in a.FeeRule, in a.SlippageRule, ref _cash, a.Cursor, target, rawPrice, budget, s.Fractional, out double fee, out double flow))
            Booked(a, fee, flow);
    }

    private void ClosePosition(AssetBook a, double rawPrice, ExitReason reason)
    {
        var recorder = a.Recorder;
        a.Position.Close(in a.FeeRule, in a.SlippageRule, ref recorder, ref _cash, a.Cursor, rawPrice, reason, out double fee, out double flow);
        Booked(a, fee, flow);
        _closed.Add(a.Trades[^1]);
    }

    /// <summary>Held positions of assets trading now back to position_size x weight x equity at this open: reductions first, then additions.</summary>
    private void Rebalance()
    {
        double equity = EquityNow(atOpen: true);
        if (!(equity > 0)) return;
        bool traded = false;
        foreach (bool reducing in new[] { true, false })
        {
            foreach (var a in assets)
            {
                if (!a.Active || a.Units == 0) continue;
                var s = a.Settings;
                double raw = a.Bars.Open[a.Cursor];
                double wanted = a.FeeRule.AffordableUnits(s.PositionSize * (a.Weight * equity), raw);
                if (!s.Fractional) wanted = Math.Floor(wanted);
                double held = Math.Abs(a.Units);
                if (reducing && wanted < held)
                {
                    if (wanted <= 0) ClosePosition(a, raw, ExitReason.Signal);
                    else Resize(a, -(held - wanted), raw);
                    traded = true;
                }
                else if (!reducing && wanted > held)
                {
                    double add = wanted - held;
                    if (a.Units > 0)
                    {
                        double affordable = a.FeeRule.AffordableUnits(Math.Max(0, _cash), raw);
                        add = Math.Min(add, s.Fractional ? affordable : Math.Floor(affordable));
                    }
                    if (add > 0)
                    {
                        Resize(a, add, raw);
                        traded = true;
                    }
                }
            }
        }
        if (traded) Rebalances++;
    }

    private void Resize(AssetBook a, double delta, double rawPrice)
    {
        a.Position.Resize(in a.FeeRule, in a.SlippageRule, ref _cash, delta, rawPrice, out double fee, out double flow);
        Booked(a, fee, flow);
    }

    /// <summary>A fill's commission and cash change, on the portfolio's and the asset's books.</summary>
    private void Booked(AssetBook a, double fee, double cashFlow)
    {
        a.CashFlow += cashFlow;
        _totalFees += fee;
        a.Fees += fee;
    }

    private bool Drifted(double equity)
    {
        if (!(equity > 0)) return false;
        foreach (var a in assets)
        {
            if (a.Units == 0) continue;
            double weight = Math.Abs(a.Units) * a.LastClose / equity;
            if (Math.Abs(weight - a.Settings.PositionSize * a.Weight) > driftThreshold) return true;
        }
        return false;
    }

    private bool PeriodStarts(long previous, long now) => rebalance switch
    {
        RebalanceMode.Daily => previous / TimeSpan.TicksPerDay != now / TimeSpan.TicksPerDay,
        RebalanceMode.Weekly => WeekOf(previous) != WeekOf(now),
        RebalanceMode.Monthly => MonthOf(previous) != MonthOf(now),
        _ => false,
    };

    // 0001-01-01 was a Monday, so whole weeks of days since then start on Mondays
    private static long WeekOf(long ticks) => ticks / TimeSpan.TicksPerDay / 7;

    private static int MonthOf(long ticks)
    {
        var date = new DateTime(ticks, DateTimeKind.Utc);
        return date.Year * 12 + date.Month;
    }
}
