using Backtesting.Application.Backtests;
using Backtesting.Application.Ports;
using Backtesting.Engine.Comparison;

namespace Backtesting.Application.Research;

/// <summary>Backtests a batch of comparison candidates on the scope's bars.</summary>
public sealed class EvaluateCandidatesActivity(ResearchJobs jobs, IBlobStore blobs, BarLoader bars) : ResearchBatchActivity<ComparisonJob>(jobs, blobs)
{
    protected override async Task<byte[]> EvaluateAsync(ComparisonJob job, int start, int count, CancellationToken ct)
    {
        var series = await bars.LoadAsync(job.Scope, ct).ConfigureAwait(false);
        var request = job.ToEngineRequest(job.Candidates.Count);
        var entries = new ComparisonEntry[count];
        for (int i = 0; i < count; i++)
            entries[i] = StrategyComparison.EvaluateCandidate(series, request, start + i);
        return JsonBytes(entries);
    }
}
