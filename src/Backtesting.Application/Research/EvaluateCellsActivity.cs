using System.Text;
using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;
using Microsoft.Extensions.Options;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;
using Backtesting.Engine.Optimization;

namespace Backtesting.Application.Research;

/// <summary>Evaluates one batch of cells with the engine's shared-signal fast path and stores them as a blob.</summary>
public sealed class EvaluateCellsActivity(IRunStore runs, BarLoader bars, IBlobStore blobs, IOptions<BacktestingLimits> limits) : Activity<CellBatchInput, CellBatchOutcome>
{
    public override async Task<CellBatchOutcome> RunAsync(CellBatchInput input, CancellationToken ct)
    {
        var job = input.Job;
        var run = await runs.GetByIdAsync(job.RunId, ct).ConfigureAwait(false);
        if (run is null || run.Status == RunStatus.Cancelled) return new CellBatchOutcome(input.Batch, "", 0, 0, Cancelled: true);
        var scope = job.Scope;
        var series = await bars.LoadAsync(scope.AssetSymbol, scope.Timeframe, scope.StartDate, scope.EndDate, ct).ConfigureAwait(false);
        var cells = GridOptimizer.EvaluateRange(series, job.ToEngineRequest(limits.Value.MaxGridCells), input.Start, input.Count);
        string blob = await blobs.PutAsync(ResearchResults.BatchBlob(job.RunId, input.Batch), Encoding.UTF8.GetBytes(WorkflowJson.Serialize(cells)), "application/json", ct).ConfigureAwait(false);
        int skipped = cells.Count(c => c.Skipped);
        return new CellBatchOutcome(input.Batch, blob, cells.Count - skipped, skipped);
    }
}
