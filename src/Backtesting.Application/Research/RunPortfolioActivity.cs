using System.Text;
using Backtesting.Application.Backtests;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Backtesting.Application.Workflows;
using Backtesting.Engine.Data;
using Backtesting.Engine.Portfolio;
using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Research;

/// <summary>
/// Runs a portfolio over every asset's bars (reporting progress as each asset's bars load) and completes
/// the run: the portfolio's curve and every
/// asset's trades become the run's backtest, the summary holds each asset's contribution, and each
/// asset's trades are kept apart in a blob (the trade rows do not name their asset).
/// </summary>
public sealed class RunPortfolioActivity(ResearchJobs jobs, BarLoader bars, IBlobStore blobs, ResearchResults results, RunProgressReporter progress)
    : Activity<ResearchRunRef, RunOutcome>
{
    public override async Task<RunOutcome> RunAsync(ResearchRunRef input, CancellationToken ct)
    {
        if (await jobs.StartAsync<PortfolioJob>(input.RunId, ct).ConfigureAwait(false) is not { } started)
            return new RunOutcome(input.RunId, RunStatus.Cancelled);
        var (run, job) = started;
        if (RunStatus.IsTerminal(run.Status)) return new RunOutcome(run.Id, run.Status, Error: run.Error);

        var window = job.Window;
        var series = new Dictionary<string, BarSeries>(StringComparer.Ordinal);
        // Loading the bars is most of a portfolio's time (the simulation takes milliseconds): report each asset.
        foreach (var asset in job.Assets)
        {
            series[asset.Symbol!] = await bars.LoadAsync(asset.Symbol!, window.Timeframe, window.StartDate, window.EndDate, ct).ConfigureAwait(false);
            double loaded = Math.Round(90.0 * series.Count / job.Assets.Count, 2);
            await progress.ReportAsync(run.UserId, new RunProgress(run.Id, loaded, null, 0), ct).ConfigureAwait(false);
        }
        var result = PortfolioBacktester.Run(series, job.ToEngineRequest());

        var byAsset = new Dictionary<string, TradeView[]>(StringComparer.Ordinal);
        foreach (var a in result.Assets)
            byAsset[a.Symbol] = ResultRecords.Trades(run.Id, a.Trades).Select(TradeView.From).ToArray();
        string tradesBlob = await blobs.PutAsync(ResearchResults.TableBlob(run.Id, "asset_trades"), Encoding.UTF8.GetBytes(WorkflowJson.Serialize(byAsset)), "application/json", ct).ConfigureAwait(false);

        var summary = new PortfolioSummary
        {
            Rebalance = job.Rebalance,
            DriftThreshold = job.Rebalance == "threshold" ? job.DriftThreshold : null,
            Rebalances = result.Rebalances,
            Assets = result.Assets.Select((a, i) => PortfolioAssetView.Of(a, job.Assets[i])).ToArray(),
            PortfolioMetrics = MetricValues.Of(result.Metrics),
            AssetTradesBlob = tradesBlob,
        };
        // every asset's trades in time order, as one backtest's trade list
        var trades = result.Assets.SelectMany(a => a.Trades).OrderBy(t => t.EntryTime).ThenBy(t => t.ExitTime ?? DateTime.MaxValue).ToArray();
        var representative = new BacktestResult(result.Metrics, trades, result.Equity, result.Timestamps);
        string status = await results.CompleteAsync(run.Id, run.UserId, summary, representative, ct).ConfigureAwait(false);
        return status == RunStatus.Completed
            ? new RunOutcome(run.Id, RunStatus.Completed, result.Metrics.FinalCapital, result.Metrics.TotalTrades)
            : new RunOutcome(run.Id, status);
    }
}
