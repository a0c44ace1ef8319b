using Backtesting.Application.Limits;
using Backtesting.Engine.Optimization;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Research;

/// <summary>Marks the optimization running and counts its cells.</summary>
public sealed class PrepareOptimizationActivity(ResearchJobs jobs, IOptions<BacktestingLimits> limits) : PrepareResearchActivity<OptimizationJob>(jobs)
{
    protected override Task<ResearchPlan> PlanAsync(OptimizationJob job, CancellationToken ct) =>
        Task.FromResult(new ResearchPlan(GridOptimizer.CellCount(job.ToEngineRequest(limits.Value.MaxGridCells)), Math.Max(1, job.BatchSize)));
}
