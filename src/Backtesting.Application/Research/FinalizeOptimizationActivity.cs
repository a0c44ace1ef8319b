using System.Text;
using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;
using Microsoft.Extensions.Options;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.Research;

/// <summary>
/// Merges every batch (identical for any batch size), stores the full cell table as one blob,
/// re-runs the best cell as a full backtest (its curve and trades become the run's), and completes.
/// </summary>
public sealed class FinalizeOptimizationActivity(IRunStore runs, BarLoader bars, IBlobStore blobs, IOptions<BacktestingLimits> limits, ResearchResults results)
    : Activity<OptimizationWaveInput, RunOutcome>
{
    public override async Task<RunOutcome> RunAsync(OptimizationWaveInput input, CancellationToken ct)
    {
        var job = input.Job;
        var run = await runs.GetByIdAsync(job.RunId, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"run {job.RunId} does not exist");
        if (RunStatus.IsTerminal(run.Status)) return new RunOutcome(job.RunId, run.Status, Error: run.Error);

        var request = job.ToEngineRequest(limits.Value.MaxGridCells);
        var cells = new List<OptimizationCell>();
        for (int b = 0; b < input.Plan.Batches; b++)
        {
            var bytes = await blobs.GetAsync(ResearchResults.BatchBlob(job.RunId, b), ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"batch {b} of {job.RunId} is missing");
            cells.AddRange(WorkflowJson.Deserialize<List<OptimizationCell>>(Encoding.UTF8.GetString(bytes)));
        }
        var merged = GridOptimizer.Merge(request, cells);
        string table = await blobs.PutAsync(ResearchResults.CellsBlob(job.RunId), Encoding.UTF8.GetBytes(WorkflowJson.Serialize(merged.Cells)), "application/json", ct).ConfigureAwait(false);

        BacktestResult? best = null;
        if (merged.Best is { } cell)
        {
            var scope = job.Scope;
            var series = await bars.LoadAsync(scope.AssetSymbol, scope.Timeframe, scope.StartDate, scope.EndDate, ct).ConfigureAwait(false);
            var config = StrategyConfigValidator.Validate(job.StrategyId, cell.Parameters).GetConfigOrThrow();
            best = BacktestEngine.Run(series, config, scope.InitialCapital, request.Options);
        }
        var summary = new JsonObject
        {
            ["kind"] = RunKind.Optimization,
            ["objective"] = merged.Objective,
            ["maximize"] = merged.Maximize,
            ["cells"] = merged.Cells.Count,
            ["evaluated"] = merged.Evaluated,
            ["skipped"] = merged.Skipped,
            ["best"] = merged.Best is null ? null : CellJson(merged.Best),
            ["top"] = new JsonArray(merged.Top(job.TopN).Select(c => (JsonNode)CellJson(c)).ToArray()),
            ["cells_blob"] = table,
        };
        await results.CompleteAsync(job.RunId, job.UserId, summary, best, ct).ConfigureAwait(false);
        for (int b = 0; b < input.Plan.Batches; b++)
            await blobs.DeleteAsync(ResearchResults.BatchBlob(job.RunId, b), ct).ConfigureAwait(false);
        return new RunOutcome(job.RunId, RunStatus.Completed, best?.Metrics.FinalCapital, best?.Metrics.TotalTrades);
    }

    /// <summary>A cell as {index, params, metrics} or {index, params, skipped, errors}.</summary>
    public static JsonObject CellJson(OptimizationCell cell)
    {
        var json = new JsonObject { ["index"] = cell.Index, ["params"] = JsonNodeFrom(cell.Parameters) };
        if (cell.Metrics is { } m) json["metrics"] = ResultRecords.MetricsJson(m);
        else
        {
            json["skipped"] = true;
            json["errors"] = new JsonArray(cell.Errors!.Select(e => (JsonNode)JsonValue.Create(e.ToString())!).ToArray());
        }
        return json;
    }

    private static JsonNode JsonNodeFrom(IReadOnlyDictionary<string, object?> parameters) =>
        System.Text.Json.JsonSerializer.SerializeToNode(parameters, WorkflowJson.Options)!;
}
