using Backtesting.Application.Backtests;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>
/// The shape of every fan-out research job: one activity plans the units, batches of units fan out in
/// waves (each wave a <see cref="ResearchWaveWorkflow"/>), progress is reported after every wave, then
/// one activity merges, stores and completes. A kind names its three activities. Deterministic like
/// every workflow: all data and storage access happens in the activities.
/// </summary>
public abstract class FanOutResearchWorkflow : IWorkflow
{
    /// <summary>Batches per wave (one sub-workflow each).</summary>
    public const int WaveSize = 16;

    public abstract string Name { get; }

    private static ActivityName<ResearchProgressInput, bool> ReportProgress => ActivityName<ResearchProgressInput, bool>.Of<ReportProgressActivity>();

    /// <summary>Marks the run running and returns its <see cref="ResearchPlan"/>.</summary>
    protected abstract ActivityName<ResearchRunRef, ResearchPlan> PrepareActivity { get; }

    /// <summary>Evaluates one <see cref="ResearchBatchInput"/> into a blob (run by <see cref="ResearchWaveWorkflow"/>).</summary>
    protected abstract ActivityName<ResearchBatchInput, ResearchBatchOutcome> BatchActivity { get; }

    /// <summary>Merges the batches and completes the run.</summary>
    protected abstract ActivityName<ResearchFinalizeInput, RunOutcome> FinalizeActivity { get; }

    public async Task<object?> RunAsync(IWorkflowContext context)
    {
        var run = context.GetInput<ResearchRunRef>();
        try
        {
            var plan = await context.CallActivityAsync(PrepareActivity, run);
            if (plan.Cancelled) return new RunOutcome(run.RunId, RunStatus.Cancelled);
            int done = 0;
            for (int first = 0, wave = 0; first < plan.Batches; first += WaveSize, wave++)
            {
                int count = Math.Min(WaveSize, plan.Batches - first);
                var outcomes = await context.CallSubWorkflowAsync<ResearchBatchOutcome[]>(nameof(ResearchWaveWorkflow),
                    new ResearchWaveInput(BatchActivity.Name, run.RunId, plan, first, count), $"{run.RunId}:wave:{wave}");
                if (outcomes.Any(o => o.Cancelled)) return new RunOutcome(run.RunId, RunStatus.Cancelled);
                done += outcomes.Sum(o => o.Done);
                context.SetCustomStatus(new { progress = 100.0 * done / Math.Max(1, plan.Units), units_done = done, units = plan.Units });
                await context.CallActivityAsync(ReportProgress, new ResearchProgressInput(run.RunId, run.UserId, done, plan.Units));
            }
            return await context.CallActivityAsync(FinalizeActivity, new ResearchFinalizeInput(run.RunId, plan));
        }
        catch (ActivityFailedException ex)
        {
            await context.CallActivityAsync(FailRunActivity.Call, new FailRunInput(run.RunId, run.UserId, ex.FailureMessage));
            return new RunOutcome(run.RunId, RunStatus.Failed, Error: ex.FailureMessage);
        }
    }
}
