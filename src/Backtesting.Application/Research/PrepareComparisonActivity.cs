namespace Backtesting.Application.Research;

/// <summary>Marks the comparison running; its units are its candidates.</summary>
public sealed class PrepareComparisonActivity(ResearchJobs jobs) : PrepareResearchActivity<ComparisonJob>(jobs)
{
    protected override Task<ResearchPlan> PlanAsync(ComparisonJob job, CancellationToken ct) =>
        Task.FromResult(new ResearchPlan(job.Candidates.Count, Math.Max(1, job.BatchSize)));
}
