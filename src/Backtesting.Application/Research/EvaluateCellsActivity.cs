using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Engine.Optimization;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Research;

/// <summary>Evaluates one batch of cells with the engine's shared-signal fast path.</summary>
public sealed class EvaluateCellsActivity(ResearchJobs jobs, IBlobStore blobs, BarLoader bars, IOptions<BacktestingLimits> limits)
    : ResearchBatchActivity<OptimizationJob>(jobs, blobs)
{
    protected override async Task<byte[]> EvaluateAsync(OptimizationJob job, int start, int count, CancellationToken ct)
    {
        var series = await bars.LoadAsync(job.Scope, ct).ConfigureAwait(false);
        return JsonBytes(GridOptimizer.EvaluateRange(series, job.ToEngineRequest(limits.Value.MaxGridCells), start, count));
    }
}
