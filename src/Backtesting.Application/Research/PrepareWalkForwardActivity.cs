using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;
using Backtesting.Engine.WalkForward;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Research;

/// <summary>Marks the analysis running and plans its windows on the bars.</summary>
public sealed class PrepareWalkForwardActivity(ResearchJobs jobs, BarLoader bars, IOptions<BacktestingLimits> limits) : PrepareResearchActivity<WalkForwardJob>(jobs)
{
    protected override async Task<ResearchPlan> PlanAsync(WalkForwardJob job, CancellationToken ct)
    {
        var series = await bars.LoadAsync(job.Scope, ct).ConfigureAwait(false);
        var windows = WalkForwardAnalyzer.PlanWindows(series, job.ToEngineRequest(limits.Value));
        return new ResearchPlan(windows.Count, Math.Max(1, job.BatchSize));
    }
}
