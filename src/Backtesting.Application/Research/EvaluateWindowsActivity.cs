using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Engine.WalkForward;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Research;

/// <summary>Evaluates a batch of walk-forward windows: the in-sample search, then the out-of-sample trading of its winner.</summary>
public sealed class EvaluateWindowsActivity(ResearchJobs jobs, IBlobStore blobs, BarLoader bars, IOptions<BacktestingLimits> limits)
    : ResearchBatchActivity<WalkForwardJob>(jobs, blobs)
{
    protected override async Task<byte[]> EvaluateAsync(WalkForwardJob job, int start, int count, CancellationToken ct)
    {
        var series = await bars.LoadAsync(job.Scope, ct).ConfigureAwait(false);
        var request = job.ToEngineRequest(limits.Value);
        var windows = WalkForwardAnalyzer.PlanWindows(series, request);
        var results = new WalkForwardWindowResult[count];
        for (int i = 0; i < count; i++)
            results[i] = WalkForwardAnalyzer.EvaluateWindow(series, request, windows[start + i]);
        return JsonBytes(results);
    }
}
