using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Engine.MonteCarlo;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Research;

/// <summary>Simulates a batch of Monte Carlo paths, stored in <see cref="MonteCarloBatchCodec"/>'s binary form.</summary>
public sealed class SimulatePathsActivity(ResearchJobs jobs, IBlobStore blobs, BarLoader bars, IOptions<BacktestingLimits> limits)
    : ResearchBatchActivity<MonteCarloJob>(jobs, blobs)
{
    protected override string ContentType => MonteCarloBatchCodec.ContentType;

    protected override async Task<byte[]> EvaluateAsync(MonteCarloJob job, int start, int count, CancellationToken ct)
    {
        var series = await bars.LoadAsync(job.Scope, ct).ConfigureAwait(false);
        return MonteCarloBatchCodec.Encode(MonteCarloSimulator.SimulatePaths(series, job.ToEngineRequest(limits.Value.MaxMonteCarloPaths), start, count));
    }
}
