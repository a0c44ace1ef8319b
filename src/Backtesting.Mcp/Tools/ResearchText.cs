using System.Globalization;
using System.Text.Json.Nodes;
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
    public static string Completed(string id, string kind, JsonObject s)
    {
        string head = $"{Noun(kind)} {id} completed: ";
        return head + kind switch
        {
            RunKind.Optimization => $"{N(s["cells"], "0")} cells ({N(s["evaluated"], "0")} evaluated, {N(s["skipped"], "0")} skipped); "
                + (s["best"] is JsonObject best
                    ? $"best by {s["objective"]}: {Params(best["params"])} with {s["objective"]} {N(best["metrics"]?[(string)s["objective"]!], "0.####")}, "
                      + $"final_capital {N(best["metrics"]?["final_capital"], "0.##")}. The best cell's backtest is this run's (get_metrics, get_backtest_results)."
                    : "no cell could be evaluated."),
            RunKind.WalkForward => $"{N(s["windows"], "0")} windows ({s["mode"]}, in-sample {s["in_sample"]}, out-of-sample {s["out_of_sample"]}, objective {s["objective"]}); "
                + $"stitched out of sample: {Metrics(s["out_of_sample_metrics"])}; walk_forward_efficiency {N(s["walk_forward_efficiency"], "0.###")}. "
                + "The stitched out-of-sample run is this run's backtest.",
            RunKind.MonteCarlo => $"{N(s["paths"], "0")} {s["method"]} paths (seed {s["seed"]}); "
                + string.Join("; ", (s["distributions"] as JsonObject ?? []).Select(d => $"{d.Key} {Percentiles(d.Value)}"))
                + $"; probability_of_loss {N(s["probability_of_loss"], "0.####")}, probability of max_drawdown > {N(s["drawdown_threshold"], "0.##")}: "
                + $"{N(s["probability_of_drawdown_beyond_threshold"], "0.####")}. The base backtest on the actual bars is this run's backtest.",
            RunKind.Portfolio => $"{Metrics(s["portfolio_metrics"])}; contributions: "
                + string.Join(", ", (s["assets"] as JsonArray ?? []).Select(a => $"{a?["symbol"]} {N(a?["contribution"], "0.####")} (weight {N(a?["target_weight"], "0.###")})"))
                + $"; {N(s["rebalances"], "0")} rebalances.",
            RunKind.Comparison => $"ranked by {s["rank_by"]}: "
                + string.Join(", ", (s["ranking"] as JsonArray ?? []).Select(r => $"{r?["rank"]}. {r?["label"]} {N(r?["value"], "0.####")}"))
                + (s["best"] is JsonObject ? ". The best candidate's backtest is this run's." : "."),
            _ => "see the summary resource.",
        };
    }

    private static string Metrics(JsonNode? m) =>
        $"final_capital {N(m?["final_capital"], "0.##")}, total_return {N(m?["total_return"], "0.####")}, sharpe_ratio {N(m?["sharpe_ratio"], "0.####")}, "
        + $"max_drawdown {N(m?["max_drawdown"], "0.####")}, total_trades {N(m?["total_trades"], "0")}";

    private static string Percentiles(JsonNode? distribution) =>
        string.Join(" ", (distribution as JsonObject ?? []).Where(p => p.Key.StartsWith('p')).Select(p => $"{p.Key} {N(p.Value, "0.####")}"));

    private static string Params(JsonNode? parameters) =>
        string.Join(", ", (parameters as JsonObject ?? []).Select(p => $"{p.Key}={p.Value?.ToJsonString() ?? "null"}"));

    private static string N(JsonNode? value, string format) =>
        value is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
