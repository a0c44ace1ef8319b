using Backtesting.Application.Backtests;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>
/// Grid optimization: batches of cells fan out in waves (each wave a sub-workflow), progress is
/// reported after every wave, then one activity merges, stores and completes.
/// </summary>
public sealed class OptimizationWorkflow : IWorkflow
{
    /// <summary>Batches per wave (one sub-workflow each).</summary>
    public const int WaveSize = 16;

    public string Name => nameof(OptimizationWorkflow);

    public async Task<object?> RunAsync(IWorkflowContext context)
    {
        var job = context.GetInput<OptimizationJob>();
        try
        {
            var plan = await context.CallActivityAsync<OptimizationPlan>(nameof(PrepareOptimizationActivity), job);
            if (plan.Cancelled) return new RunOutcome(job.RunId, RunStatus.Cancelled);
            int done = 0;
            for (int first = 0, wave = 0; first < plan.Batches; first += WaveSize, wave++)
            {
                int count = Math.Min(WaveSize, plan.Batches - first);
                var outcomes = await context.CallSubWorkflowAsync<CellBatchOutcome[]>(nameof(OptimizationWaveWorkflow),
                    new OptimizationWaveInput(job, plan, first, count), $"{job.RunId}:wave:{wave}");
                if (outcomes.Any(o => o.Cancelled)) return new RunOutcome(job.RunId, RunStatus.Cancelled);
                done += outcomes.Sum(o => o.Evaluated + o.Skipped);
                context.SetCustomStatus(new { progress = 100.0 * done / Math.Max(1, plan.Cells), cells_done = done, cells = plan.Cells });
                await context.CallActivityAsync<bool>(nameof(ReportProgressActivity), new ResearchProgressInput(job.RunId, job.UserId, done, plan.Cells));
            }
            return await context.CallActivityAsync<RunOutcome>(nameof(FinalizeOptimizationActivity), new OptimizationWaveInput(job, plan, 0, plan.Batches));
        }
        catch (ActivityFailedException ex)
        {
            await context.CallActivityAsync<bool>(nameof(FailRunActivity), new FailRunInput(job.RunId, job.UserId, ex.FailureMessage));
            return new RunOutcome(job.RunId, RunStatus.Failed, Error: ex.FailureMessage);
        }
    }
}
