using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Backtests;

/// <summary>
/// Keeps each running backtest's <see cref="BacktestInputs"/> between its activities, so K chunks load the bars and
/// generate the signals once instead of K + 2 times. A run reads one snapshot of its bars from preparation to
/// finalization. Bounded by bars held (least recently used out, the newest entry always kept); a miss (another
/// process, a resumed run, an evicted entry) loads again, so the cache changes costs, never results. Under the
/// in-process runner the run's chunks also record their equity and trades here, into one <see cref="RunRecording"/>
/// beside the inputs, for the finalization (<see cref="TakeRecording"/>, <see cref="KeepRecording"/>), in place of
/// chunk blobs (<see cref="ChunkHandOverOptions"/>).
/// </summary>
public sealed class BacktestInputsCache(BarLoader bars)
{
    /// <summary>Bars held across runs before the least recently used run's inputs are dropped (~50 MB per million bars, ~8 MB more while its chunks record).</summary>
    public const long DefaultMaxBars = 4_000_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private long _bars;

    public long MaxBars { get; init; } = DefaultMaxBars;

    /// <summary>The run's inputs, loading bars and generating signals on a miss; <paramref name="expectedBars"/> (when given) must match.</summary>
    public async Task<BacktestInputs> GetAsync(BacktestJob job, int? expectedBars, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(job.RunId, out var node))
            {
                if (expectedBars is null || node.Value.Inputs.Series.Count == expectedBars)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    return node.Value.Inputs;
                }
                Remove(node); // a different snapshot than the plan's (a preparation retried): read again
            }
        }
        var series = await bars.LoadAsync(job.AssetSymbol, job.Timeframe, job.StartDate, job.EndDate, ct).ConfigureAwait(false);
        if (expectedBars is { } count && series.Count != count)
            throw new InvalidOperationException($"the bars of {job.AssetSymbol} changed while the run was in progress ({count} then {series.Count})");
        var inputs = BacktestInputs.Create(job, series);
        lock (_gate)
        {
            if (_entries.TryGetValue(job.RunId, out var stale)) Remove(stale); // two activities of one run raced
            var node = _recency.AddFirst(new Entry(job.RunId, inputs));
            _entries[job.RunId] = node;
            _bars += series.Count;
            while (_bars > MaxBars && _recency.Last != node)
                Remove(_recency.Last!);
        }
        return inputs;
    }

    /// <summary>
    /// Takes the run's recording out of the cache for the chunk that starts at <paramref name="fromBar"/> (hand it back
    /// with <see cref="KeepRecording"/>): a new one for the first chunk, the one the earlier chunks filled when it reached
    /// <paramref name="fromBar"/>, else null (the run's inputs were loaded again, a chunk was retried, or another
    /// activity of the run holds it): that chunk records nothing and the finalization simulates the run again from the
    /// start, which gives the same numbers.
    /// </summary>
    public RunRecording? TakeRecording(string runId, BacktestInputs prepared, int fromBar)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(runId, out var node) || !ReferenceEquals(node.Value.Inputs, prepared)) return null;
            var recording = node.Value.Recording;
            if (recording is null || recording.NextBar != fromBar)
                return fromBar == 0 ? new RunRecording(prepared.Series) : null;
            node.Value.Recording = null;
            return recording;
        }
    }

    /// <summary>Hands the recording back for the run's next chunk or finalization, if the run's inputs are still the ones it records.</summary>
    public void KeepRecording(string runId, BacktestInputs prepared, RunRecording recording)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(runId, out var node) && ReferenceEquals(node.Value.Inputs, prepared))
                node.Value.Recording = recording;
        }
    }

    /// <summary>Drops a run's inputs (it ended).</summary>
    public void Evict(string runId)
    {
        lock (_gate)
            if (_entries.TryGetValue(runId, out var node)) Remove(node);
    }

    /// <summary>Runs whose inputs are held.</summary>
    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.RunId);
        _bars -= node.Value.Inputs.Series.Count;
    }

    private sealed class Entry(string runId, BacktestInputs inputs)
    {
        public string RunId { get; } = runId;
        public BacktestInputs Inputs { get; } = inputs;
        public RunRecording? Recording { get; set; }
    }
}
