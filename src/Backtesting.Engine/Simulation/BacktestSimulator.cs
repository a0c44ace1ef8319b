using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Engine.Simulation;

/// <summary>
/// A backtest with its trade list on the one simulation core (<see cref="BarStepCore{TFill, TFee, TSlippage, TRecorder}"/>):
/// in one pass, or in time chunks that hand a <see cref="SimulatorState"/> forward with results identical to one pass.
/// Signals are +1 (bullish), -1 (bearish) or 0.
/// </summary>
public sealed class BacktestSimulator
{
    private readonly BarSeries _bars;
    private readonly sbyte[] _signals;
    private readonly SimulationSettings _settings;

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
    }

    /// <summary>
    /// Simulates every bar: in one pass, or with <paramref name="progress"/> in about a hundred chunks (the same result,
    /// as the service's chunked runs), reporting the bars of each.
    /// </summary>
    public SimulationOutput Run(IProgress<int>? progress = null)
    {
        var state = SimulatorState.Initial(_settings.InitialCapital);
        var equity = GC.AllocateUninitializedArray<double>(_bars.Count);
        var trades = new List<Trade>();
        int chunk = progress is null ? Math.Max(1, _bars.Count) : Math.Max(1, (_bars.Count + 99) / 100);
        while (state.NextBar < _bars.Count)
        {
            int from = state.NextBar, to = Math.Min(_bars.Count, from + chunk);
            Advance(state, to, equity.AsSpan(from), trades);
            progress?.Report(to - from);
        }
        Trade? open = Finish(state, equity, trades);
        return new SimulationOutput(equity, trades, open, state);
    }

    /// <summary>
    /// Simulates bars [state.NextBar, toBar), writing the equity of bar i to equity[i - state.NextBar]
    /// and appending closed trades; the state is updated to hand on to the next chunk.
    /// </summary>
    public void Advance(SimulatorState state, int toBar, Span<double> equity, List<Trade> closedTrades)
    {
        ArgumentNullException.ThrowIfNull(state);
        int first = state.NextBar;
        if (toBar < first || toBar > _bars.Count)
            throw new ArgumentOutOfRangeException(nameof(toBar), toBar, $"must be in [{first}, {_bars.Count}]");
        if (equity.Length < toBar - first)
            throw new ArgumentException("equity span is too short for the chunk", nameof(equity));
        var core = Load(state, closedTrades);
        core.Advance(_signals, first, toBar, equity);
        core.Book.CopyTo(state);
        state.NextBar = toBar;
    }

    /// <summary>
    /// After the last bar: closes the position at the last close when <c>CloseAtEnd</c> (fixing the
    /// last equity point), otherwise returns the open trade marked at the last close.
    /// </summary>
    public Trade? Finish(SimulatorState state, Span<double> lastEquity, List<Trade> closedTrades)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.NextBar != _bars.Count)
            throw new InvalidOperationException($"the simulation stopped at bar {state.NextBar} of {_bars.Count}");
        if (state.Units == 0) return null;
        var core = Load(state, closedTrades);
        if (!_settings.CloseAtEnd)
            return core.Book.Position.OpenTrade(_bars, _bars.Close[^1]);
        core.CloseAtEnd();
        core.Book.CopyTo(state);
        if (!lastEquity.IsEmpty) lastEquity[^1] = state.Cash;
        return null;
    }

    private IBarStepCore<TradeListRecorder> Load(SimulatorState state, List<Trade> closedTrades)
    {
        var core = BarStepCores.Create(_bars, _settings, new TradeListRecorder(_bars, closedTrades));
        core.Book = SimulationBook.From(state);
        return core;
    }
}
