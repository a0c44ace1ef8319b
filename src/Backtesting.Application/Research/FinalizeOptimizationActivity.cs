using System.Text.Json.Nodes;
using System.Text.Json;
using Backtesting.Application.Backtests;
using Backtesting.Application.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Research;

/// <summary>
/// Merges every batch of cells, stores the full cell table as one blob, and re-runs the best cell as a
/// full backtest (its curve and trades become the run's).
/// </summary>
public sealed class FinalizeOptimizationActivity(ResearchJobs jobs, IBlobStore blobs, ResearchResults results, BarLoader bars, IOptions<BacktestingLimits> limits)
    : FinalizeResearchActivity<OptimizationJob>(jobs, blobs, results)
{
    protected override async Task<ResearchSummary> MergeAsync(OptimizationJob job, IReadOnlyList<byte[]> batches, CancellationToken ct)
    {
        var request = job.ToEngineRequest(limits.Value.MaxGridCells);
        var merged = GridOptimizer.Merge(request, batches.SelectMany(b => FromJson<List<OptimizationCell>>(b)));
        string table = await PutTableAsync(job.RunId, "cells", merged.Cells, ct).ConfigureAwait(false);

        BacktestResult? best = null;
        if (merged.Best is { } cell)
        {
            var series = await bars.LoadAsync(job.Scope, ct).ConfigureAwait(false);
            var config = StrategyConfigValidator.Validate(job.StrategyId, cell.Parameters, strategies: request.Strategies).GetConfigOrThrow();
            best = BacktestEngine.Run(series, config, job.Scope.InitialCapital, request.Options);
        }
        var summary = new JsonObject
        {
            ["kind"] = RunKind.Optimization,
            ["objective"] = merged.Objective,
            ["maximize"] = merged.Maximize,
            ["cells"] = merged.Cells.Count,
            ["evaluated"] = merged.Evaluated,
            ["skipped"] = merged.Skipped,
            ["min_trades"] = merged.MinTrades,
            ["below_min_trades"] = merged.BelowMinTrades,
            ["best"] = merged.Best is null ? null : CellJson(merged.Best),
            ["top"] = new JsonArray(merged.Top(job.TopN).Select(c => (JsonNode)CellJson(c)).ToArray()),
            ["cells_blob"] = table,
        };
        return new ResearchSummary(summary, best);
    }

    /// <summary>
    /// A cell as {index, params, metrics} or {index, params, skipped, errors}; a merged cell with fewer closed trades
    /// than the run's min_trades also carries below_min_trades: true (it ranks after the others), in the summary's
    /// best and top cells and in the stored cell table alike.
    /// </summary>
    public static JsonObject CellJson(OptimizationCell cell)
    {
        var json = new JsonObject { ["index"] = cell.Index, ["params"] = ParametersJson(cell.Parameters) };
        if (cell.BelowMinTrades) json["below_min_trades"] = true;
        if (cell.Metrics is { } m) json["metrics"] = ResultRecords.MetricsJson(m);
        else
        {
            json["skipped"] = true;
            json["errors"] = new JsonArray(cell.Errors!.Select(e => (JsonNode)JsonValue.Create(e.ToString())!).ToArray());
        }
        return json;
    }

    /// <summary>Parameters as JSON (values are numbers, strings, booleans or JSON elements read back from a blob).</summary>
    public static JsonNode ParametersJson(IReadOnlyDictionary<string, object?> parameters) =>
        JsonSerializer.SerializeToNode(parameters, WorkflowJson.Options)!;
}
