using Backtesting.Application.Backtests;
using Backtesting.Application.Curves;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Telemetry;
using Backtesting.Application.Views;
using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Research;

/// <summary>
/// Stores a research job's outcome like a backtest's: a result row whose metrics JSON is the job's
/// summary, an optional representative backtest (curve blob and trades), and status completed, in one commit.
/// </summary>
public sealed class ResearchResults(IRunStore runs, IBlobStore blobs, IRunEventPublisher events, BacktestingMetrics metrics, TimeProvider time)
{
    /// <summary>Completes the run and returns "completed", or the status it had already ended with (then nothing of it is kept).</summary>
    public async Task<string> CompleteAsync(string runId, string userId, ResearchSummary summary, BacktestResult? representative, CancellationToken ct)
    {
        var run = await runs.GetByIdAsync(runId, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"run {runId} does not exist");
        if (RunStatus.IsTerminal(run.Status))
        {
            // Ended while the job merged its results: the tables it wrote go with the rest.
            if (run.Status != RunStatus.Completed) await RunCompleter.DiscardAsync(blobs, runId).ConfigureAwait(false);
            return run.Status;
        }
        var now = time.GetUtcNow().UtcDateTime;
        RunResultRecord record;
        IReadOnlyList<TradeRecord> trades = [];
        if (representative is not null)
        {
            string curve = await blobs.PutAsync(RunBlobNames.Curve(runId), EquityCurveCodec.Encode(new EquityCurve(representative.Timestamps, representative.Equity)), EquityCurveCodec.ContentType, ct).ConfigureAwait(false);
            record = ResultRecords.Result(runId, representative, curve, now);
            trades = ResultRecords.Trades(runId, representative.Trades);
            summary = summary with { RepresentativeMetrics = MetricValues.Of(representative.Metrics) };
        }
        else
        {
            record = new RunResultRecord { Id = "res-" + runId, RunId = runId, FinalCapital = 0, TotalReturn = 0, Metrics = "{}", CreatedAt = now };
        }
        record = record with { Metrics = WorkflowJson.Serialize(summary) };
        if (await RunCompleter.CompleteOrDiscardAsync(runs, blobs, new RunCompletion(runId, record, trades, now), ct).ConfigureAwait(false) is { } ended)
            return ended;
        metrics.RunCompleted(run.Kind, now - run.CreatedAt);
        var data = CompletionMessage.Create(runId, RunStatus.Completed, record, trades);
        events.Publish(new RunEvent(RunEvent.Complete, runId, userId, data));
        return RunStatus.Completed;
    }

    /// <summary>An optimization's whole cell table in one blob (runs completed before the table was paged).</summary>
    public static string CellsBlob(string runId) => TableBlob(runId, "cells");

    /// <summary>Cells per page of an optimization's cell table.</summary>
    public const int CellsPageSize = 1000;

    /// <summary>Page <paramref name="page"/> of an optimization's cell table: cells [page x <see cref="CellsPageSize"/>, ...) in grid order.</summary>
    public static string CellsPageBlob(string runId, int page) => $"{RunBlobNames.WorkingFolder(runId)}/cells/{page:D6}.json";

    /// <summary>A research run's full result table (cells, windows, paths, candidates) as JSON.</summary>
    public static string TableBlob(string runId, string table) => $"{RunBlobNames.WorkingFolder(runId)}/{table}.json";

    /// <summary>One batch's results until the run is finalized.</summary>
    public static string BatchBlob(string runId, int batch) => $"{RunBlobNames.WorkingFolder(runId)}/batches/{batch:D5}";
}
