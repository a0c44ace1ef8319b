using System.Diagnostics.Metrics;

namespace Backtesting.Application.Telemetry;

/// <summary>Counters and histograms of the service (meter "Backtesting"), exported by the hosts' OpenTelemetry setup.</summary>
public sealed class BacktestingMetrics : IDisposable
{
    public const string MeterName = "Backtesting";

    private readonly Meter _meter;
    private readonly Counter<long> _started, _completed, _failed, _cancelled;
    private readonly Histogram<double> _duration;
    private long _queued, _active;

    public BacktestingMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _started = _meter.CreateCounter<long>("backtesting.runs.started", description: "Runs accepted");
        _completed = _meter.CreateCounter<long>("backtesting.runs.completed", description: "Runs completed");
        _failed = _meter.CreateCounter<long>("backtesting.runs.failed", description: "Runs failed");
        _cancelled = _meter.CreateCounter<long>("backtesting.runs.cancelled", description: "Runs cancelled");
        _duration = _meter.CreateHistogram<double>("backtesting.run.duration", unit: "s", description: "Run wall time from start to completion");
        _meter.CreateObservableGauge("backtesting.queue.depth", () => Interlocked.Read(ref _queued), description: "Jobs waiting for a worker");
        _meter.CreateObservableGauge("backtesting.jobs.active", () => Interlocked.Read(ref _active), description: "Jobs running");
    }

    public void RunStarted(string kind) => _started.Add(1, new KeyValuePair<string, object?>("kind", kind));
    public void RunCompleted(string kind, TimeSpan duration)
    {
        _completed.Add(1, new KeyValuePair<string, object?>("kind", kind));
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
    }
    public void RunFailed(string kind) => _failed.Add(1, new KeyValuePair<string, object?>("kind", kind));
    public void RunCancelled(string kind) => _cancelled.Add(1, new KeyValuePair<string, object?>("kind", kind));
    public void Queued(int delta) => Interlocked.Add(ref _queued, delta);
    public void Active(int delta) => Interlocked.Add(ref _active, delta);

    public void Dispose() => _meter.Dispose();
}
