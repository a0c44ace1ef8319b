using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Backtesting.Engine.Data;
using Backtesting.Engine.Execution;
using Backtesting.Engine.Execution.Fees;
using Backtesting.Engine.Execution.Fills;
using Backtesting.Engine.Execution.Slippage;
using Backtesting.Engine.Metrics;

namespace Backtesting.Engine.Simulation;

/// <summary>
/// The research workloads' simulation path: the same rules and the same floating-point operations
/// as <see cref="BacktestSimulator"/>, but writing equity into a caller's buffer and keeping trade
/// totals instead of a trade list, so a grid cell or a Monte Carlo path allocates nothing per bar.
/// Stretches without a signal, a pending fill or a stop check are marked in one vectorised pass.
/// Metrics from it equal <see cref="BacktestEngine.Run(BarSeries, Strategies.IStrategy, SimulationSettings, BacktestOptions?)"/> bit for bit.
/// </summary>
internal static class EquitySimulator
{
    /// <summary>What a simulation leaves besides the equity curve.</summary>
    internal readonly record struct Summary(TradeTotals Trades, bool HasOpenTrade, double TotalFees, int BarsInMarket);

    /// <summary>Simulates every bar; <paramref name="equity"/> receives one point per bar.</summary>
    public static Summary Run(BarSeries bars, ReadOnlySpan<sbyte> signals, SimulationSettings settings, Span<double> equity)
    {
        int n = bars.Count;
        if (signals.Length < n) throw new ArgumentException($"signals has {signals.Length} entries for {n} bars", nameof(signals));
        if (equity.Length < n) throw new ArgumentException($"equity has {equity.Length} entries for {n} bars", nameof(equity));
        var pass = new Pass(bars, settings);
        pass.Simulate(signals[..n], equity[..n]);
        return pass.Finish(equity[..n]);
    }

    /// <summary>Runs the simulation and computes the metrics (periods per year given, so a grid infers it once).</summary>
    public static PerformanceMetrics RunMetrics(BarSeries bars, ReadOnlySpan<sbyte> signals, SimulationSettings settings, Span<double> equity,
        double periodsPerYear, double riskFreeRate)
    {
        var summary = Run(bars, signals, settings, equity);
        return MetricsCalculator.Compute(settings.InitialCapital, equity[..bars.Count], summary.Trades, summary.HasOpenTrade, summary.TotalFees,
            summary.BarsInMarket, bars.Close[0], bars.Close[^1], periodsPerYear, riskFreeRate);
    }

    private struct Pass(BarSeries bars, SimulationSettings settings)
    {
        private readonly double[] _open = bars.Open, _high = bars.High, _low = bars.Low, _close = bars.Close;
        private readonly IFillModel _fill = settings.FillModel;
        private readonly IFeeModel _fees = settings.FeeModel;
        private readonly ISlippageModel _slippage = settings.SlippageModel;

        // the built-in models, called directly with their own arithmetic (no interface call per fill)
        private readonly bool _nextOpen = settings.FillModel is NextOpenFillModel;
        private readonly bool _noSlippage = settings.SlippageModel is NoSlippageModel;
        private readonly double _feeRate = settings.FeeModel is PercentFeeModel percent ? percent.Rate : double.NaN;
        private double _cash = settings.InitialCapital, _units, _entryPrice, _entryFee, _pendingPrice, _totalFees;
        private int _entryBar = -1, _pendingBar = -1, _pendingTarget, _barsInMarket;
        private TradeTotals _trades;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Simulate(ReadOnlySpan<sbyte> signals, Span<double> equity)
        {
            int n = signals.Length;
            bool hasStops = settings.StopLossPct is not null || settings.TakeProfitPct is not null;
            int i = 0, nextSignal = -1;
            while (i < n)
            {
                // bars before the next event only mark equity: no fill, no stop check, no signal
                if (!(hasStops && _units != 0))
                {
                    if (nextSignal < i)
                    {
                        int offset = signals[i..].IndexOfAnyExcept((sbyte)0);
                        nextSignal = offset >= 0 ? i + offset : n;
                    }
                    int next = nextSignal;
                    if (_pendingBar >= i && _pendingBar < next) next = _pendingBar;
                    if (next > i)
                    {
                        MarkQuiet(equity, i, next);
                        i = next;
                        if (i == n) break;
                    }
                }
                Step(i, signals[i], hasStops, equity);
                i++;
            }
        }

        /// <summary>After the last bar: closes at the last close when <c>CloseAtEnd</c> (fixing the last point), else leaves the trade open.</summary>
        public Summary Finish(Span<double> equity)
        {
            if (_units != 0 && settings.CloseAtEnd)
            {
                int last = equity.Length - 1;
                ClosePosition(_close[last]);
                equity[last] = _cash;
            }
            return new Summary(_trades, _units != 0, _totalFees, _barsInMarket);
        }

        /// <summary>Equity of bars [from, to) where nothing happens: cash + units x close, vectorised (no FMA, so the same rounding).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void MarkQuiet(Span<double> equity, int from, int to)
        {
            double cash = _cash, units = _units;
            if (units == 0)
            {
                equity[from..to].Fill(cash);
                return;
            }
            _barsInMarket += to - from;
            int length = to - from, k = 0;
            ref double close = ref _close[from];
            ref double target = ref equity[from];
            if (Vector256.IsHardwareAccelerated)
            {
                var cashV = Vector256.Create(cash);
                var unitsV = Vector256.Create(units);
                for (; k <= length - 4; k += 4)
                    (cashV + unitsV * Vector256.LoadUnsafe(ref close, (nuint)k)).StoreUnsafe(ref target, (nuint)k);
            }
            for (; k < length; k++)
                Unsafe.Add(ref target, k) = cash + units * Unsafe.Add(ref close, k);
        }

        /// <summary>One bar in full, in the order of <see cref="BacktestSimulator.Advance"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Step(int i, int signal, bool hasStops, Span<double> equity)
        {
            if (_pendingBar == i)
            {
                ExecuteTarget(_pendingTarget, _pendingPrice, i);
                _pendingBar = -1;
            }
            if (hasStops && _units != 0 && _entryBar < i && CheckStops(i, out double stopPrice))
                ClosePosition(stopPrice);
            if (signal != 0)
            {
                int current = Math.Sign(_units);
                int target = PositionDecision.TargetFor(settings.Direction, signal, current);
                if (target != int.MinValue)
                {
                    var fill = _nextOpen
                        ? (i + 1 < _open.Length ? new FillResult(i + 1, _open[i + 1]) : FillResult.None)
                        : _fill.Fill(new MarketOrder(i, target > current ? OrderSide.Buy : OrderSide.Sell), bars);
                    if (fill.Filled && fill.Bar == i)
                    {
                        ExecuteTarget(target, fill.Price, i);
                    }
                    else if (fill.Filled)
                    {
                        _pendingBar = fill.Bar;
                        _pendingTarget = target;
                        _pendingPrice = fill.Price;
                    }
                }
            }
            equity[i] = _cash + _units * _close[i];
            if (_units != 0) _barsInMarket++;
        }

        private void ExecuteTarget(int target, double rawPrice, int bar)
        {
            int current = Math.Sign(_units);
            if (current == target) return;
            if (current != 0) ClosePosition(rawPrice);
            if (target != 0) OpenPosition(target, rawPrice, bar);
        }

        private void OpenPosition(int target, double rawPrice, int bar)
        {
            double price = _noSlippage ? rawPrice : _slippage.Apply(new SlippageParameters(rawPrice, target > 0 ? OrderSide.Buy : OrderSide.Sell));
            double budget = settings.PositionSize * _cash;
            double units = double.IsNaN(_feeRate) ? _fees.AffordableUnits(budget, price) : budget / (price * (1 + _feeRate));
            if (!settings.Fractional) units = Math.Floor(units);
            if (!(units > 0)) return;
            double fee = Fee(units, price);
            _cash -= target * units * price + fee;
            _units = target * units;
            _entryBar = bar;
            _entryPrice = price;
            _entryFee = fee;
            _totalFees += fee;
        }

        private void ClosePosition(double rawPrice)
        {
            double units = _units;
            var side = units > 0 ? PositionSide.Long : PositionSide.Short;
            double price = _noSlippage ? rawPrice : _slippage.Apply(new SlippageParameters(rawPrice, units > 0 ? OrderSide.Sell : OrderSide.Buy));
            double quantity = Math.Abs(units);
            double fee = Fee(quantity, price);
            _cash += units * price - fee;
            _totalFees += fee;
            _trades.Add((int)side * quantity * (price - _entryPrice) - _entryFee - fee);
            _units = 0;
            _entryBar = -1;
            _entryPrice = 0;
            _entryFee = 0;
        }

        /// <summary>PercentFeeModel.GetFee's expression when the model is the built-in one.</summary>
        private readonly double Fee(double quantity, double price) =>
            double.IsNaN(_feeRate) ? _fees.GetFee(new FeeParameters(quantity, price)) : _feeRate * Math.Abs(quantity) * price;

        private readonly bool CheckStops(int i, out double price) =>
            StopRules.TryExit(_units > 0, _entryPrice, settings.StopLossPct, settings.TakeProfitPct, _open[i], _high[i], _low[i], out price, out _);
    }
}
