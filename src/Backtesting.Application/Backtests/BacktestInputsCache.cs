namespace Backtesting.Application.Backtests;

/// <summary>
/// Keeps each running backtest's <see cref="BacktestInputs"/> between its activities, so K chunks load the bars and
/// generate the signals once instead of K + 2 times. A run reads one snapshot of its bars from preparation to
/// finalization. Bounded by bars held (least recently used out, the newest entry always kept); a miss (another
/// process, a resumed run, an evicted entry) loads again, so the cache changes costs, never results. A one-chunk run
/// under the in-process runner also leaves its chunk's result here for finalization (<see cref="KeepOnlyChunk"/>),
/// in place of chunk blobs (<see cref="ChunkHandOverOptions"/>).
/// </summary>
public sealed class BacktestInputsCache(BarLoader bars)
{
    /// <summary>Bars held across runs before the least recently used run's inputs are dropped (~50 MB per million bars).</summary>
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
    /// Keeps the result of a one-chunk run's only chunk for its finalization, with the run's inputs (dropped with them:
    /// the finalization then simulates the chunk again, which gives the same result).
    /// </summary>
    public void KeepOnlyChunk(string runId, ChunkResult result)
    {
        lock (_gate)
            if (_entries.TryGetValue(runId, out var node)) node.Value.OnlyChunk = result;
    }

    /// <summary>The result <see cref="KeepOnlyChunk"/> kept for the run (removed from the cache), or null.</summary>
    public ChunkResult? TakeOnlyChunk(string runId)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(runId, out var node)) return null;
            var result = node.Value.OnlyChunk;
            node.Value.OnlyChunk = null;
            return result;
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
        public ChunkResult? OnlyChunk { get; set; }
    }
}
