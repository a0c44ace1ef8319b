using System.Diagnostics.Metrics;
using Backtesting.Workflows.DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backtesting.Worker;

/// <summary>
/// Activities this worker process executed: a log line each (worker id, activity, run time, running count) and the
/// <c>backtesting.worker.activities</c> counter, so a scale-out shows which worker did how much.
/// </summary>
public sealed class WorkerActivityCount(IOptions<DurableTaskHubOptions> options, ILogger<WorkerActivityCount> logger, IMeterFactory meters)
{
    public const string MeterName = "Backtesting.Worker";

    private readonly Counter<long> _counter = meters.Create(MeterName).CreateCounter<long>("backtesting.worker.activities", description: "activities executed by this worker");
    private readonly string _workerId = options.Value.EffectiveWorkerId;
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Record(string activity, TimeSpan elapsed)
    {
        long count = Interlocked.Increment(ref _count);
        _counter.Add(1, new KeyValuePair<string, object?>("worker.id", _workerId), new KeyValuePair<string, object?>("activity", activity));
        logger.LogInformation("Worker {WorkerId} executed {Activity} in {ElapsedMs:F0} ms ({Count} activities so far)", _workerId, activity, elapsed.TotalMilliseconds, count);
    }
}
