using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.MonteCarlo;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Research;

/// <summary>
/// Merges every path into the distributions (percentiles), probabilities and fan-chart bands, stores the
/// per-path table as a blob, and runs the base backtest on the actual bars as the run's backtest.
/// </summary>
public sealed class FinalizeMonteCarloActivity(ResearchJobs jobs, IBlobStore blobs, ResearchResults results, BarLoader bars, IOptions<BacktestingLimits> limits)
    : FinalizeResearchActivity<MonteCarloJob>(jobs, blobs, results)
{
    protected override async Task<ResearchOutcome> MergeAsync(MonteCarloJob job, ResearchBatches stored, CancellationToken ct)
    {
        var batches = await stored.ReadAllAsync(ct).ConfigureAwait(false);
        var request = job.ToEngineRequest(limits.Value.MaxMonteCarloPaths);
        var decoded = batches.Select(MonteCarloBatchCodec.Decode).ToArray();
        var result = MonteCarloSimulator.Merge(request, decoded);
        var metricNames = decoded[0].MetricNames;
        var paths = decoded.SelectMany(b => b.Paths).OrderBy(p => p.Index).Select(p => PathRow(p, metricNames)).ToArray();
        string table = await PutTableAsync(job.RunId, "paths", paths, ct).ConfigureAwait(false);

        var series = await bars.LoadAsync(job.Scope, ct).ConfigureAwait(false);
        var config = StrategyConfigValidator.Validate(job.StrategyId, request.Parameters, strategies: request.Strategies).GetConfigOrThrow();
        var baseline = BacktestEngine.Run(series, config, job.Scope.InitialCapital, request.Options);

        var summary = new MonteCarloSummary
        {
            Method = MonteCarloMethods.Name(result.Method),
            Note = MonteCarloMethods.Note(result.Method),
            Paths = result.Paths,
            Seed = result.Seed,
            Percentiles = ResearchJson.Numbers(result.Levels),
            TradeCount = result.TradeCount,
            DrawdownBasis = result.DrawdownBasis,
            ProbabilityOfLoss = result.ProbabilityOfLoss,
            DrawdownThreshold = result.DrawdownThreshold,
            ProbabilityOfDrawdownBeyondThreshold = result.ProbabilityOfDrawdownBeyondThreshold,
            Distributions = result.Distributions.ToDictionary(d => d.Metric, d => MonteCarloDistributionView.Of(result, d), StringComparer.Ordinal),
            Bands = MonteCarloBandsView.Of(result),
            PathsBlob = table,
        };
        return new ResearchOutcome(summary, baseline);
    }

    /// <summary>A row of the per-path table: the path's final capital, max drawdown and every metric it measures.</summary>
    private static MonteCarloPathRow PathRow(MonteCarloPath path, IReadOnlyList<string> metricNames)
    {
        var metrics = new Dictionary<string, double?>(metricNames.Count, StringComparer.Ordinal);
        for (int m = 0; m < metricNames.Count; m++) metrics[metricNames[m]] = ResearchJson.Finite(path.Metrics[m]);
        return new MonteCarloPathRow(path.Index, ResearchJson.Finite(path.FinalCapital), ResearchJson.Finite(path.MaxDrawdown), metrics);
    }
}
