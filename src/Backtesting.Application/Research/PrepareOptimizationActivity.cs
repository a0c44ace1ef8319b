using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;
using Microsoft.Extensions.Options;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;
using Backtesting.Engine.Optimization;

namespace Backtesting.Application.Research;

/// <summary>Marks the optimization running and counts its cells.</summary>
public sealed class PrepareOptimizationActivity(IRunStore runs, IOptions<BacktestingLimits> limits) : Activity<OptimizationJob, OptimizationPlan>
{
    public override async Task<OptimizationPlan> RunAsync(OptimizationJob job, CancellationToken ct)
    {
        var run = await runs.GetByIdAsync(job.RunId, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"run {job.RunId} does not exist");
        if (run.Status == RunStatus.Cancelled) return new OptimizationPlan(0, 1, Cancelled: true);
        await runs.TryTransitionAsync(job.RunId, [RunStatus.Pending], RunStatus.Running, ct: ct).ConfigureAwait(false);
        int cells = GridOptimizer.CellCount(job.ToEngineRequest(limits.Value.MaxGridCells));
        return new OptimizationPlan(cells, Math.Max(1, job.BatchSize));
    }
}
