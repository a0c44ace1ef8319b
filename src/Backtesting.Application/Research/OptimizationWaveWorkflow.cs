using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>A sub-workflow that fans one wave of cell batches out in parallel (keeps each orchestration's history small).</summary>
public sealed class OptimizationWaveWorkflow : IWorkflow
{
    public string Name => nameof(OptimizationWaveWorkflow);

    public async Task<object?> RunAsync(IWorkflowContext context)
    {
        var wave = context.GetInput<OptimizationWaveInput>();
        var tasks = new List<Task<CellBatchOutcome>>();
        for (int b = wave.FirstBatch; b < wave.FirstBatch + wave.BatchCount; b++)
        {
            var (start, count) = wave.Plan.Batch(b);
            tasks.Add(context.CallActivityAsync<CellBatchOutcome>(nameof(EvaluateCellsActivity), new CellBatchInput(wave.Job, b, start, count)));
        }
        return await Task.WhenAll(tasks);
    }
}
