using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>
/// A sub-workflow that fans one wave of a research run's batches out in parallel (keeps each
/// orchestration's history small); the batch activity is named in the input (from the kind's typed
/// <see cref="FanOutResearchWorkflow"/>.BatchActivity, so its input and output are checked), so every kind shares it.
/// </summary>
public sealed class ResearchWaveWorkflow : IWorkflow
{
    public string Name => nameof(ResearchWaveWorkflow);

    public async Task<object?> RunAsync(IWorkflowContext context)
    {
        var wave = context.GetInput<ResearchWaveInput>();
        // the name crosses the sub-workflow boundary as text; it was taken from a kind's typed BatchActivity
        var batch = new ActivityName<ResearchBatchInput, ResearchBatchOutcome>(wave.Activity);
        var tasks = new List<Task<ResearchBatchOutcome>>();
        for (int b = wave.FirstBatch; b < wave.FirstBatch + wave.BatchCount; b++)
        {
            var (start, count) = wave.Plan.Batch(b);
            tasks.Add(context.CallActivityAsync(batch, new ResearchBatchInput(wave.RunId, b, start, count)));
        }
        return await Task.WhenAll(tasks);
    }
}
