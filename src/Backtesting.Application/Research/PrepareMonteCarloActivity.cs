namespace Backtesting.Application.Research;

/// <summary>Marks the study running; its units are its paths.</summary>
public sealed class PrepareMonteCarloActivity(ResearchJobs jobs) : PrepareResearchActivity<MonteCarloJob>(jobs)
{
    protected override Task<ResearchPlan> PlanAsync(MonteCarloJob job, CancellationToken ct) =>
        Task.FromResult(new ResearchPlan(job.Paths, Math.Max(1, job.BatchSize)));
}
