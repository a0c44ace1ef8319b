using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.WalkForward;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Research;

/// <summary>
/// Stitches the windows into one out-of-sample curve (the run's backtest), stores the full window table
/// as a blob and summarizes every window and the walk-forward efficiency.
/// </summary>
public sealed class FinalizeWalkForwardActivity(ResearchJobs jobs, IBlobStore blobs, ResearchResults results, BarLoader bars, IOptions<BacktestingLimits> limits)
    : FinalizeResearchActivity<WalkForwardJob>(jobs, blobs, results)
{
    protected override async Task<ResearchSummary> MergeAsync(WalkForwardJob job, ResearchBatches stored, CancellationToken ct)
    {
        var batches = await stored.ReadAllAsync(ct).ConfigureAwait(false);
        var series = await bars.LoadAsync(job.Scope, ct).ConfigureAwait(false);
        var request = job.ToEngineRequest(limits.Value);
        var result = WalkForwardAnalyzer.Merge(series, request, batches.SelectMany(b => FromJson<List<WalkForwardWindowResult>>(b)));
        string table = await PutTableAsync(job.RunId, "windows", result.Windows.Select(w => WindowJson(series, job.Objective, w, full: true)).ToArray(), ct).ConfigureAwait(false);
        var summary = new JsonObject
        {
            ["kind"] = RunKind.WalkForward,
            ["objective"] = job.Objective,
            ["maximize"] = job.Maximize ?? MetricNames.HigherIsBetter(job.Objective),
            ["mode"] = job.Mode,
            ["in_sample"] = job.InSample,
            ["out_of_sample"] = job.OutOfSample,
            ["windows"] = result.Windows.Count,
            ["out_of_sample_bars"] = result.Equity.Length,
            ["walk_forward_efficiency"] = ResearchJson.Number(result.WalkForwardEfficiency),
            ["out_of_sample_metrics"] = ResultRecords.MetricsJson(result.Metrics),
            ["window_results"] = new JsonArray(result.Windows.Select(w => (JsonNode)WindowJson(series, job.Objective, w, full: false)).ToArray()),
            ["windows_blob"] = table,
        };
        return new ResearchSummary(summary, new BacktestResult(result.Metrics, result.Trades, result.Equity, result.Timestamps));
    }

    /// <summary>A window's row: its bar ranges, chosen parameters, objective in and out of sample; with every metric when <paramref name="full"/>.</summary>
    private static JsonObject WindowJson(BarSeries bars, string objective, WalkForwardWindowResult w, bool full)
    {
        var json = new JsonObject
        {
            ["index"] = w.Window.Index,
            ["in_sample"] = Range(bars, w.Window.InSampleStart, w.Window.InSampleEnd),
            ["out_of_sample"] = Range(bars, w.Window.OutOfSampleStart, w.Window.OutOfSampleEnd),
            ["best_params"] = w.BestParameters is null ? null : FinalizeOptimizationActivity.ParametersJson(w.BestParameters),
            ["in_sample_objective"] = w.InSampleMetrics is null ? null : ResearchJson.Number(MetricNames.Read(w.InSampleMetrics, objective)),
            ["out_of_sample_objective"] = ResearchJson.Number(MetricNames.Read(w.OutOfSampleMetrics, objective)),
            ["out_of_sample_return"] = ResearchJson.Number(w.OutOfSampleMetrics.TotalReturn),
            ["out_of_sample_trades"] = w.OutOfSampleMetrics.TotalTrades,
            ["efficiency"] = ResearchJson.Number(w.Efficiency),
            ["evaluated"] = w.EvaluatedCells,
            ["skipped"] = w.SkippedCells,
            ["problems"] = w.Problems is null ? null : new JsonArray(w.Problems.Select(p => (JsonNode)JsonValue.Create(p.ToString())!).ToArray()),
        };
        if (full)
        {
            json["in_sample_metrics"] = w.InSampleMetrics is null ? null : ResultRecords.MetricsJson(w.InSampleMetrics);
            json["out_of_sample_metrics"] = ResultRecords.MetricsJson(w.OutOfSampleMetrics);
        }
        return json;
    }

    private static JsonObject Range(BarSeries bars, int start, int end) => new()
    {
        ["start"] = ResearchJson.Time(bars.Timestamps[start]),
        ["end"] = ResearchJson.Time(bars.Timestamps[end - 1]),
        ["bars"] = end - start,
    };
}
