using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;
using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Backtests;

/// <summary>
/// A backtest as a chain of chunk activities handing the simulator state forward, reporting
/// progress after each, then one activity that stitches and stores the result. Deterministic:
/// everything that touches data or storage is an activity.
/// </summary>
public sealed class BacktestWorkflow : IWorkflow
{
    private static readonly ActivityName<BacktestJob, BacktestPlan> Prepare = ActivityName<BacktestJob, BacktestPlan>.Of<PrepareBacktestActivity>();
    private static readonly ActivityName<ChunkInput, ChunkOutcome> SimulateChunk = ActivityName<ChunkInput, ChunkOutcome>.Of<SimulateChunkActivity>();
    private static readonly ActivityName<FinalizeInput, RunOutcome> Finalize = ActivityName<FinalizeInput, RunOutcome>.Of<FinalizeBacktestActivity>();

    public string Name => nameof(BacktestWorkflow);

    public async Task<object?> RunAsync(IWorkflowContext context)
    {
        var job = context.GetInput<BacktestJob>();
        try
        {
            var plan = await context.CallActivityAsync(Prepare, job);
            if (plan.Cancelled) return new RunOutcome(job.RunId, RunStatus.Cancelled);

            var state = SimulatorState.Initial(job.InitialCapital);
            for (int k = 0; k < plan.ChunkCount; k++)
            {
                var input = new ChunkInput(job, k, plan.ChunkCount, plan.Boundaries[k], plan.Boundaries[k + 1], plan.BarCount, state);
                var outcome = await context.CallActivityAsync(SimulateChunk, input);
                if (outcome.Cancelled) return new RunOutcome(job.RunId, RunStatus.Cancelled);
                state = outcome.State;
                context.SetCustomStatus(new { progress = outcome.Progress, current_date = outcome.CurrentDate, trades_executed = outcome.TradesExecuted });
            }
            return await context.CallActivityAsync(Finalize, new FinalizeInput(job, plan, state));
        }
        catch (ActivityFailedException ex)
        {
            await context.CallActivityAsync(FailRunActivity.Call, new FailRunInput(job.RunId, job.UserId, ex.FailureMessage));
            return new RunOutcome(job.RunId, RunStatus.Failed, Error: ex.FailureMessage);
        }
    }
}
