using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>The first activity of a fan-out research job: marks the run running and plans its units.</summary>
public abstract class PrepareResearchActivity<TJob>(ResearchJobs jobs) : Activity<ResearchRunRef, ResearchPlan>
{
    public sealed override async Task<ResearchPlan> RunAsync(ResearchRunRef input, CancellationToken ct) =>
        await jobs.StartAsync<TJob>(input.RunId, ct).ConfigureAwait(false) is { } started
            ? await PlanAsync(started.Job, ct).ConfigureAwait(false)
            : ResearchPlan.CancelledBeforeStart;

    protected abstract Task<ResearchPlan> PlanAsync(TJob job, CancellationToken ct);
}
