using Backtesting.Engine.Data;
using Backtesting.Engine.Memory;
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
    private readonly ReadOnlyMemory<sbyte> _signals;
    private readonly SimulationSettings _settings;

    public BacktestSimulator(BarSeries bars, sbyte[] signals, SimulationSettings settings)
        : this(bars, (ReadOnlyMemory<sbyte>)(signals ?? throw new ArgumentNullException(nameof(signals))), settings)
    {
    }

    /// <summary>Over signals the caller owns for the simulator's lifetime (a pooled array's first bars.Count entries).</summary>
    internal BacktestSimulator(BarSeries bars, ReadOnlyMemory<sbyte> signals, SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(settings);
        if (signals.Length != bars.Count)
            throw new ArgumentException($"signals has {signals.Length} entries for {bars.Count} bars", nameof(signals));
        _bars = bars;
        _signals = signals;
        _settings = settings;
    }

    /// <summary>
    /// Simulates every bar: in one pass, or with <paramref name="progress"/> in about a hundred chunks (the same result,
    /// as the service's chunked runs), reporting the bars of each. The closed trades are a <see cref="TradeLog"/>.
    /// The curve goes to <paramref name="equity"/> when given (one point per bar), else to a new array.
    /// </summary>
    public SimulationOutput Run(IProgress<int>? progress = null, double[]? equity = null)
    {
        int n = _bars.Count;
        if (equity is not null && equity.Length != n)
            throw new ArgumentException($"equity has {equity.Length} points for {n} bars", nameof(equity));
        // a new curve is fresh memory (8 MB for 1M bars) written once: huge pages map it in a few faults
        equity ??= HugePages.NewArray<double>(n);
        var trades = new TradeLog(_bars);
        // one core for the whole run: the chunks only cut where progress is heard
        var core = BarStepCores.Create(_bars, _settings, new TradeLogRecorder(trades));
        int chunk = progress is null ? Math.Max(1, n) : Math.Max(1, (n + 99) / 100);
        for (int from = 0; from < n; from += chunk)
        {
            int to = Math.Min(n, from + chunk);
            core.Advance(_signals.Span, from, to, equity.AsSpan(from, to - from));
            progress?.Report(to - from);
        }
        Trade? open = Finish(core, equity);
        var state = SimulatorState.Initial(_settings.InitialCapital);
        core.Book.CopyTo(state);
        state.NextBar = n;
        return new SimulationOutput(equity, trades, open, state);
    }

    /// <summary>
    /// Simulates bars [state.NextBar, toBar) into the run's <paramref name="recording"/> (equity of bar i at bar i,
    /// closed trades as values), which must have reached state.NextBar; the state is updated to hand on to the next chunk.
    /// </summary>
    public void Advance(SimulatorState state, int toBar, RunRecording recording)
    {
        int first = CheckChunk(state, toBar);
        CheckSeries(recording?.Bars, nameof(recording));
        if (recording!.NextBar != first)
            throw new InvalidOperationException($"the recording has reached bar {recording.NextBar}, the chunk starts at bar {first}: chunks are recorded in bar order");
        Advance(state, toBar, new TradeLogRecorder(recording.Trades), recording.Equity.AsSpan(first, toBar - first));
        recording.NextBar = toBar;
    }

    /// <summary>
    /// Simulates bars [state.NextBar, toBar) into <paramref name="chunk"/> (a chunk whose results travel on their own:
    /// blobs), which must have reached state.NextBar and hold toBar; the state is updated to hand on to the next chunk.
    /// </summary>
    public void Advance(SimulatorState state, int toBar, ChunkRecording chunk)
    {
        int first = CheckChunk(state, toBar);
        CheckSeries(chunk?.Bars, nameof(chunk));
        if (chunk!.NextBar != first)
            throw new InvalidOperationException($"the chunk's recording has reached bar {chunk.NextBar}, the simulation is at bar {first}");
        if (toBar > chunk.EndBar)
            throw new ArgumentOutOfRangeException(nameof(toBar), toBar, $"the chunk's recording holds bars up to {chunk.EndBar}");
        Advance(state, toBar, new ChunkTradeRecorder(chunk), chunk.EquityOf(first, toBar));
        chunk.NextBar = toBar;
    }

    private void Advance<TRecorder>(SimulatorState state, int toBar, TRecorder recorder, Span<double> equity) where TRecorder : struct, ITradeRecorder
    {
        var core = Load(state, recorder);
        core.Advance(_signals.Span, state.NextBar, toBar, equity);
        core.Book.CopyTo(state);
        state.NextBar = toBar;
    }

    /// <summary>
    /// After the last chunk, over the run's complete <paramref name="recording"/> (filled in this process or appended
    /// from chunk blobs): closes the position at the last close when <c>CloseAtEnd</c> (fixing the last equity point),
    /// otherwise marks the open trade at the last close; and the run's output as <see cref="Run"/> gives it (the
    /// recording's curve and trade log).
    /// </summary>
    public SimulationOutput Finish(SimulatorState state, RunRecording recording)
    {
        CheckFinished(state);
        CheckSeries(recording?.Bars, nameof(recording));
        if (!recording!.IsComplete)
            throw new InvalidOperationException($"the recording stopped at bar {recording.NextBar} of {_bars.Count}");
        Trade? open = null;
        if (state.Units != 0)
        {
            var core = Load(state, new TradeLogRecorder(recording.Trades));
            open = Finish(core, recording.Equity);
            core.Book.CopyTo(state);
        }
        return new SimulationOutput(recording.Equity, recording.Trades, open, state);
    }

    private Trade? Finish<TRecorder>(IBarStepCore<TRecorder> core, Span<double> lastEquity) where TRecorder : struct, ITradeRecorder
    {
        ref var book = ref core.Book;
        if (book.Position.Units == 0) return null;
        if (!_settings.CloseAtEnd)
            return book.Position.OpenTrade(_bars, _bars.Close[^1]);
        core.CloseAtEnd();
        if (!lastEquity.IsEmpty) lastEquity[^1] = book.Cash;
        return null;
    }

    /// <summary>The first bar of a chunk that ends at <paramref name="toBar"/>, checked.</summary>
    private int CheckChunk(SimulatorState state, int toBar)
    {
        ArgumentNullException.ThrowIfNull(state);
        int first = state.NextBar;
        if (toBar < first || toBar > _bars.Count)
            throw new ArgumentOutOfRangeException(nameof(toBar), toBar, $"must be in [{first}, {_bars.Count}]");
        return first;
    }

    private void CheckFinished(SimulatorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.NextBar != _bars.Count)
            throw new InvalidOperationException($"the simulation stopped at bar {state.NextBar} of {_bars.Count}");
    }

    private void CheckSeries(BarSeries? recorded, string parameter)
    {
        ArgumentNullException.ThrowIfNull(recorded, parameter);
        // its trades read their times from its series: the same series, not merely as long
        if (!ReferenceEquals(recorded, _bars))
            throw new ArgumentException("the recording is of another bar series than the simulator's", parameter);
    }

    private IBarStepCore<TRecorder> Load<TRecorder>(SimulatorState state, TRecorder recorder) where TRecorder : struct, ITradeRecorder
    {
        var core = BarStepCores.Create(_bars, _settings, recorder);
        core.Book = SimulationBook.From(state);
        return core;
    }
}
