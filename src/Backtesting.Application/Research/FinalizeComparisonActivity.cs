using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
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
    protected override async Task<ResearchSummary> MergeAsync(ComparisonJob job, ResearchBatches stored, CancellationToken ct)
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
        var candidates = result.Entries.Select(e => (JsonNode)new JsonObject
        {
            ["index"] = e.Index,
            ["label"] = e.Label,
            ["strategy_id"] = e.StrategyId,
            ["params"] = FinalizeOptimizationActivity.ParametersJson(e.Parameters),
            ["rank"] = rankOf[e.Index],
            ["metrics"] = ResultRecords.MetricsJson(e.Metrics),
        }).ToArray();
        var summary = new JsonObject
        {
            ["kind"] = RunKind.Comparison,
            ["rank_by"] = result.RankBy,
            ["maximize"] = result.Maximize,
            ["candidates"] = new JsonArray(candidates),
            ["ranking"] = new JsonArray(result.Ranking.Select(i => (JsonNode)new JsonObject
            {
                ["rank"] = rankOf[i],
                ["index"] = i,
                ["label"] = result.Entries[i].Label,
                ["value"] = ResearchJson.Number(MetricNames.Read(result.Entries[i].Metrics, result.RankBy)),
            }).ToArray()),
            ["best"] = best is null ? null : new JsonObject { ["index"] = result.Ranking[0], ["label"] = result.Entries[result.Ranking[0]].Label },
            ["correlation"] = new JsonObject
            {
                ["of"] = "daily_returns",
                ["labels"] = new JsonArray(result.Entries.Select(e => (JsonNode?)JsonValue.Create(e.Label)).ToArray()),
                ["matrix"] = new JsonArray(result.Correlation.Select(row => (JsonNode)new JsonArray(row.Select(ResearchJson.Number).ToArray())).ToArray()),
            },
            ["candidates_blob"] = table,
        };
        return new ResearchSummary(summary, best);
    }
}
