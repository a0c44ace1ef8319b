using Backtesting.Engine.Data;
using Backtesting.Engine.Execution;
using Backtesting.Engine.Execution.Fees;
using Backtesting.Engine.Execution.Fills;
using Backtesting.Engine.Execution.Slippage;

namespace Backtesting.Engine.Simulation;

/// <summary>
/// Turns a strategy's signals into fills, trades and a per-bar equity curve under the simulation
/// contract. Per bar: a pending order fills, then stop loss / take profit are checked for a
/// position entered before this bar, then the bar's signal is acted on, then equity is marked at
/// the close. Signals are +1 (bullish), -1 (bearish) or 0.
/// </summary>
public sealed class BacktestSimulator
{
    private readonly BarSeries _bars;
    private readonly sbyte[] _signals;
    private readonly SimulationSettings _settings;
    private readonly IFeeModel _fees;
    private readonly ISlippageModel _slippage;
    private readonly IFillModel _fill;

    public BacktestSimulator(BarSeries bars, sbyte[] signals, SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(settings);
        if (signals.Length != bars.Count)
            throw new ArgumentException($"signals has {signals.Length} entries for {bars.Count} bars", nameof(signals));
        _bars = bars;
        _signals = signals;
        _settings = settings;
        _fees = settings.FeeModel;
        _slippage = settings.SlippageModel;
        _fill = settings.FillModel;
    }

    /// <summary>Simulates every bar in one pass.</summary>
    public SimulationOutput Run()
    {
        var state = SimulatorState.Initial(_settings.InitialCapital);
        var equity = GC.AllocateUninitializedArray<double>(_bars.Count);
        var trades = new List<Trade>();
        Advance(state, _bars.Count, equity, trades);
        Trade? open = Finish(state, equity, trades);
        return new SimulationOutput(equity, trades, open, state);
    }

    /// <summary>
    /// Simulates bars [state.NextBar, toBar), writing the equity of bar i to equity[i - state.NextBar]
    /// and appending closed trades; the state is updated to hand on to the next chunk.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Advance(SimulatorState state, int toBar, Span<double> equity, List<Trade> closedTrades)
    {
        int first = state.NextBar;
        if (toBar < first || toBar > _bars.Count)
            throw new ArgumentOutOfRangeException(nameof(toBar), toBar, $"must be in [{first}, {_bars.Count}]");
        int offset = first;
        if (equity.Length < toBar - offset)
            throw new ArgumentException("equity span is too short for the chunk", nameof(equity));

        double[] close = _bars.Close;
        sbyte[] signals = _signals;
        bool hasStops = _settings.StopLossPct is not null || _settings.TakeProfitPct is not null;
        double cash = state.Cash, units = state.Units;
        int pendingBar = state.PendingBar, barsInMarket = state.BarsInMarket;

        for (int i = first; i < toBar; i++)
        {
            if (pendingBar == i)
            {
                SyncOut(state, cash, units, pendingBar, barsInMarket);
                ExecuteTarget(state, i, state.PendingTarget, state.PendingPrice, ExitReason.Signal, closedTrades);
                state.PendingBar = pendingBar = -1;
                cash = state.Cash;
                units = state.Units;
            }
            if (hasStops && units != 0 && state.EntryBar < i && CheckStops(state, i, units, out double stopPrice, out ExitReason reason))
            {
                SyncOut(state, cash, units, pendingBar, barsInMarket);
                ClosePosition(state, i, stopPrice, reason, closedTrades);
                cash = state.Cash;
                units = state.Units;
            }
            int signal = signals[i];
            if (signal != 0)
            {
                int target = TargetFor(signal, Math.Sign(units));
                if (target != int.MinValue)
                {
                    var fill = _fill.Fill(new MarketOrder(i, target > Math.Sign(units) ? OrderSide.Buy : OrderSide.Sell), _bars);
                    if (fill.Filled && fill.Bar == i)
                    {
                        SyncOut(state, cash, units, pendingBar, barsInMarket);
                        ExecuteTarget(state, i, target, fill.Price, ExitReason.Signal, closedTrades);
                        cash = state.Cash;
                        units = state.Units;
                    }
                    else if (fill.Filled)
                    {
                        pendingBar = fill.Bar;
                        state.PendingTarget = target;
                        state.PendingPrice = fill.Price;
                    }
                }
            }
            equity[i - offset] = cash + units * close[i];
            if (units != 0) barsInMarket++;
        }
        SyncOut(state, cash, units, pendingBar, barsInMarket);
        state.NextBar = toBar;
    }

    /// <summary>
    /// After the last bar: closes the position at the last close when <c>CloseAtEnd</c> (fixing the
    /// last equity point), otherwise returns the open trade marked at the last close.
    /// </summary>
    public Trade? Finish(SimulatorState state, Span<double> lastEquity, List<Trade> closedTrades)
    {
        if (state.NextBar != _bars.Count)
            throw new InvalidOperationException($"the simulation stopped at bar {state.NextBar} of {_bars.Count}");
        if (state.Units == 0) return null;
        int last = _bars.Count - 1;
        if (_settings.CloseAtEnd)
        {
            ClosePosition(state, last, _bars.Close[last], ExitReason.EndOfData, closedTrades);
            if (!lastEquity.IsEmpty) lastEquity[^1] = state.Cash;
            return null;
        }
        double mark = _bars.Close[last];
        double quantity = Math.Abs(state.Units);
        var side = state.Units > 0 ? PositionSide.Long : PositionSide.Short;
        return new Trade
        {
            Side = side,
            Quantity = quantity,
            EntryBar = state.EntryBar,
            EntryTime = _bars.TimeAt(state.EntryBar),
            EntryPrice = state.EntryPrice,
            EntryFee = state.EntryFee,
            ExitPrice = mark,
            Pnl = (int)side * quantity * (mark - state.EntryPrice) - state.EntryFee,
            ExitReason = ExitReason.Open,
        };
    }

    /// <summary>The position a signal leads to, or int.MinValue when it changes nothing.</summary>
    private int TargetFor(int signal, int current) => PositionDecision.TargetFor(_settings.Direction, signal, current);

    private static void SyncOut(SimulatorState state, double cash, double units, int pendingBar, int barsInMarket)
    {
        state.Cash = cash;
        state.Units = units;
        state.PendingBar = pendingBar;
        state.BarsInMarket = barsInMarket;
    }

    private void ExecuteTarget(SimulatorState state, int bar, int target, double rawPrice, ExitReason reason, List<Trade> closedTrades)
    {
        int current = Math.Sign(state.Units);
        if (current == target) return;
        if (current != 0)
            ClosePosition(state, bar, rawPrice, reason, closedTrades);
        if (target != 0)
            OpenPosition(state, bar, target, rawPrice);
    }

    private void OpenPosition(SimulatorState state, int bar, int target, double rawPrice)
    {
        var side = target > 0 ? OrderSide.Buy : OrderSide.Sell;
        double price = _slippage.Apply(new SlippageParameters(rawPrice, side));
        double equity = state.Cash; // flat here, so equity is cash
        double units = _fees.AffordableUnits(_settings.PositionSize * equity, price);
        if (!_settings.Fractional) units = Math.Floor(units);
        if (!(units > 0)) return;
        double fee = _fees.GetFee(new FeeParameters(units, price));
        state.Cash -= target * units * price + fee;
        state.Units = target * units;
        state.EntryBar = bar;
        state.EntryPrice = price;
        state.EntryFee = fee;
        state.TotalFees += fee;
    }

    private void ClosePosition(SimulatorState state, int bar, double rawPrice, ExitReason reason, List<Trade> closedTrades)
    {
        double units = state.Units;
        var side = units > 0 ? PositionSide.Long : PositionSide.Short;
        double price = _slippage.Apply(new SlippageParameters(rawPrice, units > 0 ? OrderSide.Sell : OrderSide.Buy));
        double quantity = Math.Abs(units);
        double fee = _fees.GetFee(new FeeParameters(quantity, price));
        state.Cash += units * price - fee;
        state.TotalFees += fee;
        closedTrades.Add(new Trade
        {
            Side = side,
            Quantity = quantity,
            EntryBar = state.EntryBar,
            EntryTime = _bars.TimeAt(state.EntryBar),
            EntryPrice = state.EntryPrice,
            EntryFee = state.EntryFee,
            ExitBar = bar,
            ExitTime = _bars.TimeAt(bar),
            ExitPrice = price,
            ExitFee = fee,
            Pnl = (int)side * quantity * (price - state.EntryPrice) - state.EntryFee - fee,
            ExitReason = reason,
        });
        state.ClosedTrades++;
        state.Units = 0;
        state.EntryBar = -1;
        state.EntryPrice = 0;
        state.EntryFee = 0;
    }

    private bool CheckStops(SimulatorState state, int i, double units, out double price, out ExitReason reason) =>
        StopRules.TryExit(units > 0, state.EntryPrice, _settings.StopLossPct, _settings.TakeProfitPct,
            _bars.Open[i], _bars.High[i], _bars.Low[i], out price, out reason);
}
