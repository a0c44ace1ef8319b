using System.Text.Json.Nodes;
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
    protected override async Task<ResearchSummary> MergeAsync(MonteCarloJob job, ResearchBatches stored, CancellationToken ct)
    {
        var batches = await stored.ReadAllAsync(ct).ConfigureAwait(false);
        var request = job.ToEngineRequest(limits.Value.MaxMonteCarloPaths);
        var decoded = batches.Select(MonteCarloBatchCodec.Decode).ToArray();
        var result = MonteCarloSimulator.Merge(request, decoded);
        var metricNames = decoded[0].MetricNames;
        var paths = decoded.SelectMany(b => b.Paths).OrderBy(p => p.Index).Select(p => PathJson(p, metricNames)).ToArray();
        string table = await PutTableAsync(job.RunId, "paths", paths, ct).ConfigureAwait(false);

        var series = await bars.LoadAsync(job.Scope, ct).ConfigureAwait(false);
        var config = StrategyConfigValidator.Validate(job.StrategyId, request.Parameters, strategies: request.Strategies).GetConfigOrThrow();
        var baseline = BacktestEngine.Run(series, config, job.Scope.InitialCapital, request.Options);

        var distributions = new JsonObject();
        foreach (var d in result.Distributions)
        {
            var entry = new JsonObject
            {
                ["count"] = d.Count,
                ["mean"] = ResearchJson.Number(d.Mean),
                ["std"] = ResearchJson.Number(d.StdDev),
                ["min"] = ResearchJson.Number(d.Min),
                ["max"] = ResearchJson.Number(d.Max),
                ["baseline"] = ResearchJson.Number(result.BaselineValue(d.Metric)),
            };
            for (int k = 0; k < result.Levels.Count; k++) entry[ResearchJson.Level(result.Levels[k])] = ResearchJson.Number(d.Percentiles[k]);
            entry["histogram"] = d.Histogram is { } h
                ? new JsonObject { ["edges"] = ResearchJson.Numbers(h.Edges), ["counts"] = ResearchJson.Integers(h.Counts.Select(c => (long)c)) }
                : null;
            distributions[d.Metric] = entry;
        }
        var bands = new JsonObject
        {
            // trade paths step through trades (0 = before the first), price paths through bars
            ["axis"] = result.Bands.Timestamps is null ? "trade" : "bar",
            ["steps"] = ResearchJson.Integers(result.Bands.Steps.Select(s => (long)s)),
        };
        if (result.Bands.Timestamps is { } timestamps)
            bands["timestamps"] = new JsonArray(timestamps.Select(t => (JsonNode?)JsonValue.Create(ResearchJson.Time(t))).ToArray());
        for (int k = 0; k < result.Levels.Count; k++)
            bands[ResearchJson.Level(result.Levels[k])] = ResearchJson.Numbers(result.Bands.Values[k]);

        var summary = new JsonObject
        {
            ["kind"] = RunKind.MonteCarlo,
            ["method"] = MonteCarloMethods.Name(result.Method),
            ["note"] = MonteCarloMethods.Note(result.Method),
            ["paths"] = result.Paths,
            ["seed"] = result.Seed,
            ["percentiles"] = ResearchJson.Numbers(result.Levels),
            ["trade_count"] = result.TradeCount,
            ["drawdown_basis"] = result.DrawdownBasis,
            ["probability_of_loss"] = result.ProbabilityOfLoss,
            ["drawdown_threshold"] = result.DrawdownThreshold,
            ["probability_of_drawdown_beyond_threshold"] = result.ProbabilityOfDrawdownBeyondThreshold,
            ["distributions"] = distributions,
            ["bands"] = bands,
            ["paths_blob"] = table,
        };
        return new ResearchSummary(summary, baseline);
    }

    private static JsonObject PathJson(MonteCarloPath path, IReadOnlyList<string> metricNames)
    {
        var metrics = new JsonObject();
        for (int m = 0; m < metricNames.Count; m++) metrics[metricNames[m]] = ResearchJson.Number(path.Metrics[m]);
        return new JsonObject
        {
            ["index"] = path.Index,
            ["final_capital"] = ResearchJson.Number(path.FinalCapital),
            ["max_drawdown"] = ResearchJson.Number(path.MaxDrawdown),
            ["metrics"] = metrics,
        };
    }
}
