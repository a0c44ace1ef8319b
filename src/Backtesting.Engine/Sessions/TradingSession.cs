using Backtesting.Engine.Data;
using Backtesting.Engine.Execution;
using Backtesting.Engine.Execution.Fees;
using Backtesting.Engine.Execution.Slippage;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;
using Backtesting.Engine.Strategies;

namespace Backtesting.Engine.Sessions;

/// <summary>
/// A trading session over one asset (DESIGN.md section 10): the clock stands at the close of
/// <see cref="SessionState.CurrentBar"/>; orders placed now fill from the next bar on. Positions change only through
/// <see cref="PositionBook"/> (sizing, fees, slippage, pnl), so the same orders on the same bars give a backtest's numbers.
/// Within a bar: market orders at the open, then orders whose level the open gapped through, then stops (so of an
/// attached pair inside one bar the stop loss fills first), then limits; ties by placement.
/// </summary>
public sealed class TradingSession
{
    private readonly BarSeries _bars;
    private readonly SessionSettings _settings;
    private readonly SessionState _state;
    private readonly ModelFeeRule _fees;
    private readonly ModelSlippageRule _slippage;

    public TradingSession(BarSeries bars, SessionSettings settings, SessionState state)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(state);
        if (state.CurrentBar < state.StartBar || state.CurrentBar >= bars.Count)
            throw new ArgumentException($"current bar {state.CurrentBar} is outside the session's {bars.Count} bars", nameof(state));
        (_bars, _settings, _state) = (bars, settings, state);
        _fees = new ModelFeeRule(new PercentFeeModel(settings.Commission));
        _slippage = new ModelSlippageRule(settings.SlippageBps > 0 ? new BpsSlippageModel(settings.SlippageBps) : NoSlippageModel.Instance);
    }

    /// <summary>A new session standing at the close of <paramref name="startBar"/>, flat, with the initial capital.</summary>
    public static SessionState Start(BarSeries bars, SessionSettings settings, int startBar)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (startBar < 0 || startBar >= bars.Count) throw new ArgumentOutOfRangeException(nameof(startBar), startBar, $"must be a bar index in [0, {bars.Count})");
        if (!(settings.InitialCapital > 0) || !double.IsFinite(settings.InitialCapital))
            throw new SessionOrderException("initial_capital", $"must be a finite number > 0, got {settings.InitialCapital}");
        return new SessionState { StartBar = startBar, CurrentBar = startBar, Cash = settings.InitialCapital, Equity = [settings.InitialCapital] };
    }

    public SessionState State => _state;

    public SessionSettings Settings => _settings;

    public BarSeries Bars => _bars;

    public int CurrentBar => _state.CurrentBar;

    public bool AtEnd => _state.CurrentBar == _bars.Count - 1;

    public int BarsRemaining => _bars.Count - 1 - _state.CurrentBar;

    /// <summary>Cash plus the position marked at the current close.</summary>
    public double Equity => _state.Cash + _state.Units * _bars.Close[_state.CurrentBar];

    /// <summary>Net pnl of the open position at the current close (entry commission included), 0 when flat.</summary>
    public double UnrealizedPnl => _state.Units == 0 ? 0 : LoadPosition().OpenTrade(_bars, _bars.Close[_state.CurrentBar]).Pnl;

    /// <summary>Net pnl of the closed trades.</summary>
    public double RealizedPnl => _state.ClosedTrades.Sum(t => t.Pnl);

    public IEnumerable<SessionOrder> WorkingOrders => _state.Orders.Where(o => o.IsWorking);

    /// <summary>Validates and books an order; it can fill from the next bar on.</summary>
    public SessionOrder Place(SessionOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var order = NewOrder(request.Side, request.Type, request.Quantity, request.PercentOfEquity, request.LimitPrice, request.StopPrice,
            request.StopLoss, request.TakeProfit, request.Source, parentId: null, ocoId: null);
        _state.Orders.Add(order);
        return order;
    }

    /// <summary>Cancels a working order (and the other leg of its attached pair stays working).</summary>
    public SessionOrder Cancel(string orderId)
    {
        var order = FindOrder(orderId) ?? throw new KeyNotFoundException($"order '{orderId}' does not exist in this session");
        if (!order.IsWorking)
            throw new SessionOrderException("order_id", $"order '{orderId}' is {order.Status.ToString().ToLowerInvariant()}, only a working order can be cancelled");
        Retire(order, SessionOrderStatus.Cancelled, "cancelled by the trader");
        return order;
    }

    public SessionOrder? FindOrder(string orderId) => _state.Orders.FirstOrDefault(o => o.Id == orderId);

    /// <summary>Moves <paramref name="bars"/> bars forward (stopping at the last bar).</summary>
    public SessionAdvance Advance(int bars)
    {
        if (bars < 1) throw new SessionOrderException("bars", $"must be an integer >= 1, got {bars}");
        return AdvanceTo(_state.CurrentBar + bars);
    }

    /// <summary>Moves to <paramref name="targetBar"/> (clamped to the last bar; no move when already there or past it).</summary>
    public SessionAdvance AdvanceTo(int targetBar)
    {
        int last = _bars.Count - 1;
        bool reachedEnd = targetBar >= last;
        int to = Math.Min(targetBar, last);
        var fills = new List<SessionFill>();
        var rejected = new List<SessionOrder>();
        int from = _state.CurrentBar;
        for (int bar = from + 1; bar <= to; bar++)
            Step(bar, fills, rejected);
        return new SessionAdvance(Math.Max(0, to - from), fills, rejected, reachedEnd);
    }

    /// <summary>The last bar at or before <paramref name="time"/>, or -1 when the series starts after it.</summary>
    public int BarAtOrBefore(DateTime time)
    {
        int index = Array.BinarySearch(_bars.Timestamps, time.Ticks);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>
    /// Lets <paramref name="strategy"/> trade the next <paramref name="bars"/> bars in the same book: at each close its
    /// signal becomes the section-4 target (<see cref="PositionBook.TargetFor"/>), placed as market orders (close the held
    /// side, then open <paramref name="positionSize"/> of equity), exactly as a backtest decides.
    /// </summary>
    public SessionAdvance Autopilot(IStrategy strategy, DirectionMode direction, double positionSize, int bars)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (bars < 1) throw new SessionOrderException("bars", $"must be an integer >= 1, got {bars}");
        int last = Math.Min(_bars.Count - 1, _state.CurrentBar + bars);
        // the strategy sees bars up to the last one it will decide on, and decides at bar t from bars <= t
        var visible = _bars.Slice(0, last + 1);
        var signals = new sbyte[visible.Count];
        strategy.GenerateSignals(visible, signals);
        var fills = new List<SessionFill>();
        var rejected = new List<SessionOrder>();
        int moved = 0;
        while (moved < bars && !AtEnd)
        {
            int t = _state.CurrentBar;
            if (signals[t] != 0)
            {
                int current = Math.Sign(_state.Units);
                int target = PositionBook.TargetFor(direction, signals[t], current);
                if (target != int.MinValue)
                {
                    if (current != 0)
                        Place(new SessionOrderRequest { Side = current > 0 ? OrderSide.Sell : OrderSide.Buy, Type = SessionOrderType.Market, Quantity = Math.Abs(_state.Units), Source = "autopilot" });
                    if (target != 0)
                        _state.Orders.Add(NewOrder(target > 0 ? OrderSide.Buy : OrderSide.Sell, SessionOrderType.Market, null, positionSize * 100, null, null, null, null,
                            "autopilot", null, null));
                }
            }
            Step(t + 1, fills, rejected);
            moved++;
        }
        return new SessionAdvance(moved, fills, rejected, AtEnd);
    }

    /// <summary>
    /// Ends the session: working orders are cancelled and the position is closed at the next open (at the last bar it
    /// stays open, as at the end of a backtest) or at the current close; returns the run's result.
    /// </summary>
    public BacktestResult Finish(SessionCloseMode mode, double? periodsPerYear = null, double riskFreeRate = 0)
    {
        foreach (var order in WorkingOrders.ToList())
            Retire(order, SessionOrderStatus.Cancelled, "session closed");
        if (_state.Units != 0)
        {
            if (mode == SessionCloseMode.Close)
                CloseAtCurrentClose();
            else if (!AtEnd)
            {
                _state.Orders.Add(NewOrder(_state.Units > 0 ? OrderSide.Sell : OrderSide.Buy, SessionOrderType.Market, Math.Abs(_state.Units), null,
                    null, null, null, null, "close", null, null));
                Step(_state.CurrentBar + 1, [], []);
            }
        }
        return Result(periodsPerYear, riskFreeRate);
    }

    /// <summary>The run so far as a backtest result: metrics, closed trades then the open one, equity since the start.</summary>
    public BacktestResult Result(double? periodsPerYear = null, double riskFreeRate = 0)
    {
        int start = _state.StartBar, current = _state.CurrentBar;
        var equity = _state.Equity.ToArray();
        var timestamps = _bars.Timestamps[start..(current + 1)];
        Trade? open = _state.Units == 0 ? null : LoadPosition().OpenTrade(_bars, _bars.Close[current]);
        var metrics = MetricsCalculator.Compute(new MetricsCalculator.Inputs(_settings.InitialCapital, equity, _state.ClosedTrades, open,
            _state.TotalFees, _state.BarsInMarket, _bars.Close[start], _bars.Close[current],
            periodsPerYear ?? PeriodsPerYear.Infer(timestamps), riskFreeRate));
        IReadOnlyList<Trade> trades = open is null ? _state.ClosedTrades : [.. _state.ClosedTrades, open];
        return new BacktestResult(metrics, trades, equity, timestamps);
    }

    private void Validate(SessionOrderRequest r)
    {
        if (AtEnd)
            throw new SessionOrderException("session", "the session stands at its last bar; no later bar could fill an order");
        if (!Enum.IsDefined(r.Side)) throw new SessionOrderException("side", "must be one of: buy, sell");
        if (!Enum.IsDefined(r.Type)) throw new SessionOrderException("type", "must be one of: market, limit, stop, stop_limit");
        if (r.Quantity is null == r.PercentOfEquity is null)
            throw new SessionOrderException("quantity", "give exactly one of quantity (units) or percent_of_equity (0-100]");
        if (r.Quantity is { } q && (!(q > 0) || !double.IsFinite(q) || (!_settings.Fractional && q != Math.Floor(q))))
            throw new SessionOrderException("quantity", $"must be a {(_settings.Fractional ? "finite number" : "whole number of units")} > 0, got {q}");
        if (r.PercentOfEquity is { } p && !(p > 0 && p <= 100))
            throw new SessionOrderException("percent_of_equity", $"must be in (0, 100], got {p}");
        bool needsLimit = r.Type is SessionOrderType.Limit or SessionOrderType.StopLimit;
        bool needsStop = r.Type is SessionOrderType.Stop or SessionOrderType.StopLimit;
        string type = TypeName(r.Type);
        CheckPrice("limit_price", r.LimitPrice, needsLimit, type);
        CheckPrice("stop_price", r.StopPrice, needsStop, type);
        CheckPrice("stop_loss", r.StopLoss, required: false, type);
        CheckPrice("take_profit", r.TakeProfit, required: false, type);
        double reference = r.Type switch
        {
            SessionOrderType.Limit or SessionOrderType.StopLimit => r.LimitPrice!.Value,
            SessionOrderType.Stop => r.StopPrice!.Value,
            _ => _bars.Close[_state.CurrentBar],
        };
        int s = (int)r.Side;
        if (r.StopLoss is { } sl && s * sl >= s * reference)
            throw new SessionOrderException("stop_loss", $"a {Name(r.Side)} order's stop loss must lie {(s > 0 ? "below" : "above")} its entry price {reference}, got {sl}");
        if (r.TakeProfit is { } tp && s * tp <= s * reference)
            throw new SessionOrderException("take_profit", $"a {Name(r.Side)} order's take profit must lie {(s > 0 ? "above" : "below")} its entry price {reference}, got {tp}");
        // the order as if it filled now at its reference price: an order that could not fill even there is refused now
        var probe = new SessionOrder { Id = "probe", Sequence = 0, Side = r.Side, Type = r.Type, Quantity = r.Quantity, PercentOfEquity = r.PercentOfEquity, PlacedBar = _state.CurrentBar };
        var position = LoadPosition();
        double cash = _state.Cash, fees = 0;
        if (!TryExecute(probe, _state.CurrentBar, reference, ref position, ref cash, ref fees, [], out _, out _, out string? reason))
            throw new SessionOrderException(r.Quantity is null ? "percent_of_equity" : "quantity", reason!);
    }

    private static void CheckPrice(string field, double? value, bool required, string type)
    {
        if (value is null)
        {
            if (required) throw new SessionOrderException(field, $"is required for a {type} order");
            return;
        }
        if (!(value > 0) || !double.IsFinite(value.Value)) throw new SessionOrderException(field, $"must be a finite price > 0, got {value}");
        if (!required && field is "limit_price" or "stop_price") throw new SessionOrderException(field, $"does not apply to a {type} order");
    }

    private SessionOrder NewOrder(OrderSide side, SessionOrderType type, double? quantity, double? percent, double? limit, double? stop,
        double? stopLoss, double? takeProfit, string source, string? parentId, string? ocoId)
    {
        int number = _state.NextOrderNumber++;
        return new SessionOrder
        {
            Id = $"o-{number}", Sequence = number, Side = side, Type = type, Quantity = quantity, PercentOfEquity = percent, LimitPrice = limit,
            StopPrice = stop, StopLoss = stopLoss, TakeProfit = takeProfit, Source = source, PlacedBar = _state.CurrentBar, ParentId = parentId, OcoId = ocoId,
        };
    }

    /// <summary>One bar: fills in the section-10 order, then equity marked at the close.</summary>
    private void Step(int bar, List<SessionFill> fills, List<SessionOrder> rejected)
    {
        double open = _bars.Open[bar], high = _bars.High[bar], low = _bars.Low[bar];
        _state.CurrentBar = bar;
        var candidates = _state.Orders.Where(o => o.IsWorking && o.PlacedBar < bar)
            .Select(o => (Order: o, Rank: Rank(o, open, high, low)))
            .OrderBy(c => c.Rank).ThenBy(c => c.Order.Sequence).Select(c => c.Order).ToList();
        foreach (var order in candidates)
        {
            if (!order.IsWorking) continue; // cancelled by its pair or by a closed position earlier in this bar
            if (!Triggers(order, open, high, low, out double rawPrice)) continue;
            Fill(order, bar, rawPrice, fills, rejected);
        }
        if (_state.Units != 0) _state.BarsInMarket++;
        _state.Equity.Add(_state.Cash + _state.Units * _bars.Close[bar]);
    }

    private static int Rank(SessionOrder order, double open, double high, double low)
    {
        if (order.Type == SessionOrderType.Market) return 0;
        double level = order.Type == SessionOrderType.Limit || (order.Type == SessionOrderType.StopLimit && order.Triggered) ? order.LimitPrice!.Value : order.StopPrice!.Value;
        bool isStop = order.Type == SessionOrderType.Stop || (order.Type == SessionOrderType.StopLimit && !order.Triggered);
        bool gapped = isStop
            ? OrderTriggers.Stop(order.Side, level, open, open, open, out _)
            : OrderTriggers.Limit(order.Side, level, open, open, open, out _);
        return gapped ? 1 : isStop ? 2 : 3;
    }

    private static bool Triggers(SessionOrder order, double open, double high, double low, out double price)
    {
        switch (order.Type)
        {
            case SessionOrderType.Market:
                price = open;
                return true;
            case SessionOrderType.Limit:
                return OrderTriggers.Limit(order.Side, order.LimitPrice!.Value, open, high, low, out price);
            case SessionOrderType.Stop:
                return OrderTriggers.Stop(order.Side, order.StopPrice!.Value, open, high, low, out price);
            default:
                if (order.Triggered) return OrderTriggers.Limit(order.Side, order.LimitPrice!.Value, open, high, low, out price);
                bool fills = OrderTriggers.StopLimit(order.Side, order.StopPrice!.Value, order.LimitPrice!.Value, open, high, low, out bool triggered, out price);
                order.Triggered = triggered;
                return fills;
        }
    }

    private void Fill(SessionOrder order, int bar, double rawPrice, List<SessionFill> fills, List<SessionOrder> rejected)
    {
        if (order.ParentId is not null)
        {
            // an attached exit only ever reduces the position it protects
            if (_state.Units == 0 || Math.Sign(_state.Units) == (int)order.Side)
            {
                Retire(order, SessionOrderStatus.Cancelled, "the position it protected is closed");
                return;
            }
            order.Quantity = Math.Min(order.Quantity!.Value, Math.Abs(_state.Units));
        }
        var position = LoadPosition();
        double cash = _state.Cash, totalFees = _state.TotalFees;
        var closed = new List<Trade>();
        if (!TryExecute(order, bar, rawPrice, ref position, ref cash, ref totalFees, closed, out double quantity, out double opened, out string? reason))
        {
            Retire(order, SessionOrderStatus.Rejected, reason);
            rejected.Add(order);
            return;
        }
        double fee = totalFees - _state.TotalFees;
        _state.Cash = cash;
        _state.TotalFees = totalFees;
        _state.ClosedTrades.AddRange(closed);
        SavePosition(position);
        double price = _slippage.Apply(rawPrice, order.Side);
        order.Status = SessionOrderStatus.Filled;
        order.FilledBar = order.ClosedBar = bar;
        order.FillPrice = price;
        order.FilledQuantity = quantity;
        var fill = new SessionFill($"f-{_state.Fills.Count + 1}", order.Id, bar, _bars.TimeAt(bar), order.Side, quantity, price, fee);
        _state.Fills.Add(fill);
        fills.Add(fill);
        if (order.OcoId is { } pair && FindOrder(pair) is { IsWorking: true } other)
            Retire(other, SessionOrderStatus.Cancelled, $"its pair {order.Id} filled");
        foreach (var exit in _state.Orders.Where(o => o.IsWorking && o.ParentId is not null && (_state.Units == 0 || Math.Sign(_state.Units) == (int)o.Side)).ToList())
            Retire(exit, SessionOrderStatus.Cancelled, "the position it protected is closed");
        if (opened > 0 && (order.StopLoss is not null || order.TakeProfit is not null))
            AttachExits(order, opened);
    }

    private void AttachExits(SessionOrder parent, double units)
    {
        var exitSide = parent.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
        bool pair = parent.StopLoss is not null && parent.TakeProfit is not null;
        string? stopId = parent.StopLoss is null ? null : $"o-{_state.NextOrderNumber}";
        string? limitId = parent.TakeProfit is null ? null : $"o-{_state.NextOrderNumber + (stopId is null ? 0 : 1)}";
        if (parent.StopLoss is { } sl)
            _state.Orders.Add(NewOrder(exitSide, SessionOrderType.Stop, units, null, null, sl, null, null, "stop_loss", parent.Id, pair ? limitId : null));
        if (parent.TakeProfit is { } tp)
            _state.Orders.Add(NewOrder(exitSide, SessionOrderType.Limit, units, null, tp, null, null, null, "take_profit", parent.Id, pair ? stopId : null));
    }

    /// <summary>
    /// Applies a fill to copies of the book: closes or reduces the opposite side, then opens or adds the rest.
    /// False (the copies to be dropped) when a buy goes beyond cash or a short beyond the equity that covers it.
    /// </summary>
    private bool TryExecute(SessionOrder order, int bar, double rawPrice, ref PositionBook position, ref double cash, ref double totalFees,
        List<Trade> closed, out double quantity, out double opened, out string? reason)
    {
        int side = (int)order.Side;
        double price = _slippage.Apply(rawPrice, order.Side);
        opened = 0;
        reason = null;
        if (order.Quantity is { } q) quantity = q;
        else
        {
            double budget = order.PercentOfEquity!.Value / 100 * (cash + position.Units * rawPrice);
            quantity = PositionBook.SizeUnits(in _fees, budget, price, _settings.Fractional);
            if (!(quantity > 0))
            {
                reason = $"{order.PercentOfEquity}% of equity buys no {(_settings.Fractional ? "" : "whole ")}unit at {price}";
                return false;
            }
        }
        double remaining = quantity, fee;
        if (position.Units != 0 && Math.Sign(position.Units) != side)
        {
            double held = Math.Abs(position.Units);
            if (quantity >= held)
            {
                var recorder = new TradeListRecorder(_bars, closed);
                var exitReason = order.Source switch { "stop_loss" => ExitReason.StopLoss, "take_profit" => ExitReason.TakeProfit, _ => ExitReason.Signal };
                position.Close(in _fees, in _slippage, ref recorder, ref cash, bar, rawPrice, exitReason, out fee, out _);
                remaining = quantity - held;
            }
            else
            {
                position.Resize(in _fees, in _slippage, ref cash, -quantity, rawPrice, out fee, out _);
                remaining = 0;
            }
            totalFees += fee;
        }
        if (remaining > 0)
        {
            if (position.Units == 0) position.OpenUnits(in _fees, ref cash, bar, side, price, remaining, out fee, out _);
            else position.Resize(in _fees, in _slippage, ref cash, remaining, rawPrice, out fee, out _);
            totalFees += fee;
            opened = remaining;
            if (side > 0 && cash < 0)
            {
                reason = $"buying {quantity} units at {price} needs {(opened * price + fee):0.##} in cash, only {(cash + opened * price + fee):0.##} is available";
                return false;
            }
            if (side < 0)
            {
                double equity = cash + position.Units * rawPrice;
                double exposure = Math.Abs(position.Units) * rawPrice;
                if (exposure > equity)
                {
                    reason = $"a short of {Math.Abs(position.Units)} units at {rawPrice} ({exposure:0.##}) needs equity cover, equity is {equity:0.##}";
                    return false;
                }
            }
        }
        return true;
    }

    private void CloseAtCurrentClose()
    {
        int bar = _state.CurrentBar;
        var order = NewOrder(_state.Units > 0 ? OrderSide.Sell : OrderSide.Buy, SessionOrderType.Market, Math.Abs(_state.Units), null, null, null, null, null,
            "close", null, null);
        _state.Orders.Add(order);
        Fill(order, bar, _bars.Close[bar], [], []);
        _state.Equity[^1] = _state.Cash + _state.Units * _bars.Close[bar];
    }

    private void Retire(SessionOrder order, SessionOrderStatus status, string? reason)
    {
        order.Status = status;
        order.ClosedBar = _state.CurrentBar;
        order.Reason = reason;
    }

    private PositionBook LoadPosition() => new()
    {
        Units = _state.Units, EntryBar = _state.EntryBar, EntryPrice = _state.EntryPrice, EntryFee = _state.EntryFee, RealizedPnl = _state.PositionRealizedPnl,
    };

    private void SavePosition(in PositionBook position)
    {
        _state.Units = position.Units;
        _state.EntryBar = position.EntryBar;
        _state.EntryPrice = position.EntryPrice;
        _state.EntryFee = position.EntryFee;
        _state.PositionRealizedPnl = position.RealizedPnl;
    }

    private static string Name(OrderSide side) => side == OrderSide.Buy ? "buy" : "sell";

    private static string TypeName(SessionOrderType type) => type switch
    {
        SessionOrderType.Market => "market",
        SessionOrderType.Limit => "limit",
        SessionOrderType.Stop => "stop",
        _ => "stop_limit",
    };
}
