using System.Globalization;
using System.Text.Json.Nodes;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;

namespace Backtesting.Mcp.Tools;

/// <summary>The short text lines of backtest answers: what happened and what to call next.</summary>
internal static class BacktestText
{
    public static string NotFound(string id) =>
        $"backtest_id: no backtest '{id}' for this API key (runs of other users are not visible); list_backtests shows yours";

    public static string Status(RunView run) => run.Status switch
    {
        RunStatus.Pending => $"Backtest {run.BacktestId} is pending (queued); check again with get_backtest_status.",
        RunStatus.Running => $"Backtest {run.BacktestId} is running: {Progress(run)}; check again with get_backtest_status.",
        RunStatus.Completed => $"Backtest {run.BacktestId} completed; get_backtest_results and get_metrics read its results.",
        RunStatus.Failed => $"Backtest {run.BacktestId} failed: {run.Error}",
        RunStatus.Cancelled => $"Backtest {run.BacktestId} was cancelled{(run.Error is null ? "" : ": " + run.Error)}.",
        _ => $"Backtest {run.BacktestId} is {run.Status}.",
    };

    /// <summary>Why a run has no results (yet); null when it is completed.</summary>
    public static string? NoResults(RunView run) => run.Status switch
    {
        RunStatus.Pending or RunStatus.Running => $"Backtest {run.BacktestId} is {run.Status} ({Progress(run)}); results are available when it completes.",
        RunStatus.Failed => $"Backtest {run.BacktestId} failed, so it has no results: {run.Error}",
        RunStatus.Cancelled => $"Backtest {run.BacktestId} was cancelled, so it has no results.",
        _ => null,
    };

    public static string Results(ResultsView results)
    {
        string trades = results.Trades is { Total: > 0 } page
            ? page.Items.Count == 0
                ? $"no trades at trades_offset {page.Offset} of {page.Total}"
                : $"trades {page.Offset + 1}-{page.Offset + page.Items.Count} of {page.Total}"
            : "no trades";
        string more = results.Trades is { } p && p.Offset + p.Items.Count < p.Total ? $" (trades_offset={p.Offset + p.Items.Count} for more)" : "";
        return $"{Metrics(results.Metrics)}. Showing {trades}{more} and {results.EquityCurve?.Count ?? 0} of {results.EquityPointsTotal} equity points.";
    }

    /// <summary>The headline metrics: capital, return, drawdown, Sharpe, trades, win rate.</summary>
    public static string Metrics(IReadOnlyDictionary<string, double?>? metrics)
    {
        if (metrics is null) return "no metrics";
        string Number(string name, string format) => metrics.GetValueOrDefault(name) is { } d ? d.ToString(format, CultureInfo.InvariantCulture) : "n/a";
        return $"final_capital {Number("final_capital", "0.##")}, total_return {Number("total_return", "0.####")}, max_drawdown {Number("max_drawdown", "0.####")}, "
            + $"sharpe_ratio {Number("sharpe_ratio", "0.####")}, total_trades {Number("total_trades", "0")} (+{Number("open_trades", "0")} open), win_rate {Number("win_rate", "0.####")}";
    }

    private static string Progress(RunView run) =>
        run.CurrentDate is { } date
            ? string.Create(CultureInfo.InvariantCulture, $"{run.Progress:0.#} % done, at {date:yyyy-MM-dd}, {(run.Unit is { } unit ? $"{run.UnitsDone} {unit}" : $"{run.TradesExecuted} trades")} so far")
            : string.Create(CultureInfo.InvariantCulture, $"{run.Progress:0.#} % done");
}
