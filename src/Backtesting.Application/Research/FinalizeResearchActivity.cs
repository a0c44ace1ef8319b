using System.Text;
using Backtesting.Application.Backtests;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>
/// The last activity of a fan-out research job: reads the batch blobs, merges them (the engines' merges
/// are identical for any batch size), commits summary, representative backtest and status in one
/// transaction, then deletes the batch blobs. Safe to retry: a finished run is left as it is.
/// </summary>
public abstract class FinalizeResearchActivity<TJob>(ResearchJobs jobs, IBlobStore blobs, ResearchResults results) : Activity<ResearchFinalizeInput, RunOutcome>
{
    public sealed override async Task<RunOutcome> RunAsync(ResearchFinalizeInput input, CancellationToken ct)
    {
        var run = await jobs.GetAsync(input.RunId, ct).ConfigureAwait(false);
        if (RunStatus.IsTerminal(run.Status)) return new RunOutcome(run.Id, run.Status, Error: run.Error);
        var batches = new ResearchBatches(blobs, run.Id, input.Plan.Batches);
        var outcome = await MergeAsync(ResearchJobs.JobOf<TJob>(run), batches, ct).ConfigureAwait(false);
        string status = await results.CompleteAsync(run.Id, run.UserId, outcome.Summary, outcome.Representative, ct).ConfigureAwait(false);
        if (status != RunStatus.Completed) return new RunOutcome(run.Id, status);
        for (int b = 0; b < input.Plan.Batches; b++)
            await blobs.DeleteAsync(ResearchResults.BatchBlob(run.Id, b), ct).ConfigureAwait(false);
        var metrics = outcome.Representative?.Metrics;
        return new RunOutcome(run.Id, RunStatus.Completed, metrics?.FinalCapital, metrics?.TotalTrades);
    }

    /// <summary>Combines the batches (in batch order) into the summary; full tables go to blobs via <see cref="PutTableAsync"/>.</summary>
    protected abstract Task<ResearchOutcome> MergeAsync(TJob job, ResearchBatches batches, CancellationToken ct);

    /// <summary>Stores a run's full table (cells, windows, paths, candidates) as JSON and returns the blob name.</summary>
    protected Task<string> PutTableAsync(string runId, string table, object rows, CancellationToken ct) =>
        blobs.PutAsync(ResearchResults.TableBlob(runId, table), JsonBytes(rows), "application/json", ct);

    /// <summary>Stores JSON bytes (a page of a paged table) and returns the blob name.</summary>
    protected Task<string> PutJsonAsync(string name, ReadOnlyMemory<byte> json, CancellationToken ct) => blobs.PutAsync(name, json, "application/json", ct);

    protected static byte[] JsonBytes(object rows) => Encoding.UTF8.GetBytes(WorkflowJson.Serialize(rows));

    protected static T FromJson<T>(byte[] bytes) => WorkflowJson.Deserialize<T>(Encoding.UTF8.GetString(bytes));
}
