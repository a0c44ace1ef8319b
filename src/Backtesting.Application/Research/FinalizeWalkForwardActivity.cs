using Backtesting.Application.Backtests;
using Backtesting.Application.Views;
using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
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
    protected override async Task<ResearchOutcome> MergeAsync(WalkForwardJob job, ResearchBatches stored, CancellationToken ct)
    {
        var batches = await stored.ReadAllAsync(ct).ConfigureAwait(false);
        var series = await bars.LoadAsync(job.Scope, ct).ConfigureAwait(false);
        var request = job.ToEngineRequest(limits.Value);
        var result = WalkForwardAnalyzer.Merge(series, request, batches.SelectMany(b => FromJson<List<WalkForwardWindowResult>>(b)));
        string table = await PutTableAsync(job.RunId, "windows", result.Windows.Select(w => WalkForwardWindowRow.Of(series, job.Objective, w)).ToArray(), ct).ConfigureAwait(false);
        var summary = new WalkForwardSummary
        {
            Objective = job.Objective,
            Maximize = job.Maximize ?? MetricNames.HigherIsBetter(job.Objective),
            Mode = job.Mode,
            InSample = job.InSample,
            OutOfSample = job.OutOfSample,
            Windows = result.Windows.Count,
            OutOfSampleBars = result.Equity.Length,
            WalkForwardEfficiency = ResearchJson.Finite(result.WalkForwardEfficiency),
            OutOfSampleMetrics = MetricValues.Of(result.Metrics),
            WindowResults = result.Windows.Select(w => WalkForwardWindowView.From(series, job.Objective, w)).ToArray(),
            WindowsBlob = table,
        };
        return new ResearchOutcome(summary, new BacktestResult(result.Metrics, result.Trades, result.Equity, result.Timestamps));
    }
}
