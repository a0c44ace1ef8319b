using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>
/// A sub-workflow that fans one wave of a research run's batches out in parallel (keeps each
/// orchestration's history small); the batch activity is named in the input, so every kind shares it.
/// </summary>
public sealed class ResearchWaveWorkflow : IWorkflow
{
    public string Name => nameof(ResearchWaveWorkflow);

    public async Task<object?> RunAsync(IWorkflowContext context)
    {
        var wave = context.GetInput<ResearchWaveInput>();
        var tasks = new List<Task<ResearchBatchOutcome>>();
        for (int b = wave.FirstBatch; b < wave.FirstBatch + wave.BatchCount; b++)
        {
            var (start, count) = wave.Plan.Batch(b);
            tasks.Add(context.CallActivityAsync<ResearchBatchOutcome>(wave.Activity, new ResearchBatchInput(wave.RunId, b, start, count)));
        }
        return await Task.WhenAll(tasks);
    }
}
