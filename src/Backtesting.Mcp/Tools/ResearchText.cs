using System.Globalization;
using System.Text.Json;
using Backtesting.Application.Research;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;

namespace Backtesting.Mcp.Tools;

/// <summary>The short text lines of research answers: the headline numbers of each kind's summary and what to call next.</summary>
internal static class ResearchText
{
    public static string Noun(string kind) => kind switch
    {
        RunKind.Optimization => "Optimization",
        RunKind.WalkForward => "Walk-forward analysis",
        RunKind.MonteCarlo => "Monte Carlo study",
        RunKind.Portfolio => "Portfolio backtest",
        RunKind.Comparison => "Strategy comparison",
        _ => "Run",
    };

    public static string NotFound(string id) =>
        $"backtest_id: no research run '{id}' for this API key (runs of other users are not visible; single backtests are read with get_backtest_results); "
        + "list_backtests shows yours";

    public static string Started(RunView run, int waitedSeconds) =>
        $"{Noun(run.Kind)} started successfully: {run.BacktestId} ({run.AssetSymbol}, {run.StartDate:yyyy-MM-dd} to {run.EndDate:yyyy-MM-dd}) is {run.Status}"
        + (run.Progress > 0 ? string.Create(CultureInfo.InvariantCulture, $", {run.Progress:0.#} % done") : "") + "."
        + (waitedSeconds > 0 ? $" It did not finish within {waitedSeconds} s." : "")
        + " Poll get_research_results (or get_backtest_status); it answers with the summary once completed.";

    /// <summary>Why a run has no summary (yet); null when it is completed.</summary>
    public static string? NoSummary(RunView run) => run.Status switch
    {
        RunStatus.Pending or RunStatus.Running => string.Create(CultureInfo.InvariantCulture,
            $"{Noun(run.Kind)} {run.BacktestId} is {run.Status} ({run.Progress:0.#} % done); the summary is available when it completes."),
        RunStatus.Failed => $"{Noun(run.Kind)} {run.BacktestId} failed, so it has no summary: {run.Error}",
        RunStatus.Cancelled => $"{Noun(run.Kind)} {run.BacktestId} was cancelled, so it has no summary.",
        _ => null,
    };

    /// <summary>The summary's headline: best cell, stitched result, percentiles, contributions or ranking.</summary>
    public static string Completed(string id, string kind, ResearchSummary summary)
    {
        string head = $"{Noun(kind)} {id} completed: ";
        return head + summary switch
        {
            OptimizationSummary s => $"{N(s.Cells, "0")} cells ({N(s.Evaluated, "0")} evaluated, {N(s.Skipped, "0")} skipped); "
                + (s.Best is { } best
                    ? $"best by {s.Objective}: {Params(best.Params)} with {s.Objective} {N(best.Metrics?.GetValueOrDefault(s.Objective), "0.####")}, "
                      + $"final_capital {N(best.Metrics?.GetValueOrDefault("final_capital"), "0.##")}. The best cell's backtest is this run's (get_metrics, get_backtest_results)."
                    : "no cell could be evaluated."),
            WalkForwardSummary s => $"{N(s.Windows, "0")} windows ({s.Mode}, in-sample {s.InSample}, out-of-sample {s.OutOfSample}, objective {s.Objective}); "
                + $"stitched out of sample: {Metrics(s.OutOfSampleMetrics)}; walk_forward_efficiency {N(s.WalkForwardEfficiency, "0.###")}. "
                + "The stitched out-of-sample run is this run's backtest.",
            MonteCarloSummary s => $"{N(s.Paths, "0")} {s.Method} paths (seed {s.Seed.ToString(CultureInfo.InvariantCulture)}); "
                + string.Join("; ", s.Distributions.Select(d => $"{d.Key} {Percentiles(d.Value)}"))
                + $"; probability_of_loss {N(s.ProbabilityOfLoss, "0.####")}, probability of max_drawdown > {N(s.DrawdownThreshold, "0.##")}: "
                + $"{N(s.ProbabilityOfDrawdownBeyondThreshold, "0.####")}. The base backtest on the actual bars is this run's backtest.",
            PortfolioSummary s => $"{Metrics(s.PortfolioMetrics)}; contributions: "
                + string.Join(", ", s.Assets.Select(a => $"{a.Symbol} {N(a.Contribution, "0.####")} (weight {N(a.TargetWeight, "0.###")})"))
                + $"; {N(s.Rebalances, "0")} rebalances.",
            ComparisonSummary s => $"ranked by {s.RankBy}: "
                + string.Join(", ", s.Ranking.Select(r => $"{r.Rank.ToString(CultureInfo.InvariantCulture)}. {r.Label} {N(r.Value, "0.####")}"))
                + (s.Best is not null ? ". The best candidate's backtest is this run's." : "."),
            _ => "see the summary resource.",
        };
    }

    private static string Metrics(IReadOnlyDictionary<string, double?> m) =>
        $"final_capital {N(m.GetValueOrDefault("final_capital"), "0.##")}, total_return {N(m.GetValueOrDefault("total_return"), "0.####")}, "
        + $"sharpe_ratio {N(m.GetValueOrDefault("sharpe_ratio"), "0.####")}, max_drawdown {N(m.GetValueOrDefault("max_drawdown"), "0.####")}, "
        + $"total_trades {N(m.GetValueOrDefault("total_trades"), "0")}";

    private static string Percentiles(MonteCarloDistributionView distribution) =>
        string.Join(" ", distribution.Levels.Select(p => $"{p.Key} {N(p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : null, "0.####")}"));

    private static string Params(IReadOnlyDictionary<string, JsonElement> parameters) =>
        string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value.GetRawText()}"));

    private static string N(double? value, string format) => value is { } d ? d.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
