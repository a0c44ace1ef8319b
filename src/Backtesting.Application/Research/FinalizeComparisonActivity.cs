using Backtesting.Application.Backtests;
using Backtesting.Application.Views;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Engine.Comparison;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.Research;

/// <summary>
/// Ranks the candidates, correlates their daily returns, stores every candidate (with its daily equity)
/// as a blob, and re-runs the best-ranked candidate as the run's backtest.
/// </summary>
public sealed class FinalizeComparisonActivity(ResearchJobs jobs, IBlobStore blobs, ResearchResults results, BarLoader bars)
    : FinalizeResearchActivity<ComparisonJob>(jobs, blobs, results)
{
    protected override async Task<ResearchOutcome> MergeAsync(ComparisonJob job, ResearchBatches stored, CancellationToken ct)
    {
        var batches = await stored.ReadAllAsync(ct).ConfigureAwait(false);
        var request = job.ToEngineRequest(job.Candidates.Count);
        var result = StrategyComparison.Merge(request, batches.SelectMany(b => FromJson<List<ComparisonEntry>>(b)));
        string table = await PutTableAsync(job.RunId, ResearchService.ComparisonCandidatesTable, result.Entries, ct).ConfigureAwait(false);

        var rankOf = new int[result.Entries.Count];
        for (int r = 0; r < result.Ranking.Count; r++) rankOf[result.Ranking[r]] = r + 1;
        BacktestResult? best = null;
        if (result.Ranking.Count > 0 && MetricNames.Read(result.Entries[result.Ranking[0]].Metrics, result.RankBy) is { } value && !double.IsNaN(value))
        {
            var winner = request.Candidates[result.Ranking[0]];
            var series = await bars.LoadAsync(job.Scope, ct).ConfigureAwait(false);
            var config = StrategyConfigValidator.Validate(winner.StrategyId, winner.Parameters, strategies: request.Strategies).GetConfigOrThrow();
            best = BacktestEngine.Run(series, config, job.Scope.InitialCapital, request.Options);
        }
        var summary = new ComparisonSummary
        {
            RankBy = result.RankBy,
            Maximize = result.Maximize,
            Candidates = result.Entries.Select(e => new ComparisonCandidateView
            {
                Index = e.Index,
                Label = e.Label,
                StrategyId = e.StrategyId,
                Params = ResearchJson.Parameters(e.Parameters),
                Rank = rankOf[e.Index],
                Metrics = MetricValues.Of(e.Metrics),
            }).ToArray(),
            Ranking = result.Ranking.Select(i => new ComparisonRankView(rankOf[i], i, result.Entries[i].Label,
                ResearchJson.Finite(MetricNames.Read(result.Entries[i].Metrics, result.RankBy)))).ToArray(),
            Best = best is null ? null : new ComparisonBestView(result.Ranking[0], result.Entries[result.Ranking[0]].Label),
            Correlation = new CorrelationView("daily_returns", result.Entries.Select(e => e.Label).ToArray(),
                result.Correlation.Select(row => (IReadOnlyList<double?>)row.Select(ResearchJson.Finite).ToArray()).ToArray()),
            CandidatesBlob = table,
        };
        return new ResearchOutcome(summary, best);
    }
}
