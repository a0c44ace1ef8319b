using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Backtests;

/// <summary>Marks the run running, counts its bars and splits them into chunks; leaves the bars and signals for the chunks in the cache.</summary>
public sealed class PrepareBacktestActivity(IRunStore runs, BacktestInputsCache inputs, IOptions<BacktestingLimits> limits) : Activity<BacktestJob, BacktestPlan>
{
    public override async Task<BacktestPlan> RunAsync(BacktestJob job, CancellationToken ct)
    {
        // A pending run (the usual case) moves to running in one statement; only otherwise is it read, to tell a
        // cancelled run from one already running (a preparation retried or resumed).
        if (!await runs.TryTransitionAsync(job.RunId, [RunStatus.Pending], RunStatus.Running, ct: ct).ConfigureAwait(false))
        {
            var run = await runs.GetByIdAsync(job.RunId, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"run {job.RunId} does not exist");
            if (run.Status == RunStatus.Cancelled) return new BacktestPlan(0, [], Cancelled: true);
        }
        var series = (await inputs.GetAsync(job, expectedBars: null, ct).ConfigureAwait(false)).Series;
        int chunks = job.Chunks ?? (int)Math.Ceiling(series.Count / (double)Math.Max(1, limits.Value.ChunkBars));
        return BacktestPlan.Create(series.Count, chunks);
    }
}
