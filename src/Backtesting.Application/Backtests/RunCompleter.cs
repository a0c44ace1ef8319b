using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Microsoft.Extensions.Logging;

namespace Backtesting.Application.Backtests;

/// <summary>
/// The end of every job: commit the completion, or, for a run that was cancelled or failed, delete what
/// was written for it (its curve and its working folder, <see cref="RunBlobNames.WorkingFolder"/>).
/// </summary>
public static class RunCompleter
{
    /// <summary>
    /// Commits <paramref name="completion"/> and returns null; if the run was cancelled or failed while
    /// its results were being assembled (the store refuses the completion, or the cancel stopped it),
    /// deletes what was written for it (curve, working folder) and returns the status it ended with.
    /// </summary>
    public static async Task<string?> CompleteOrDiscardAsync(IRunStore runs, IBlobStore blobs, RunCompletion completion, CancellationToken ct)
    {
        try
        {
            await runs.CompleteAsync(completion, ct).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // The store refuses a run that ended; a local cancel trips the token first. Not the caller's
            // token below: this cleanup must still run.
            var run = await runs.GetByIdAsync(completion.RunId, CancellationToken.None).ConfigureAwait(false);
            if (run?.Status is not (RunStatus.Cancelled or RunStatus.Failed)) throw;
            await DiscardAsync(blobs, completion.RunId).ConfigureAwait(false);
            return run.Status;
        }
    }

    /// <summary>Deletes what a job wrote for a run that was cancelled or failed: its curve and its working folder.</summary>
    public static async Task DiscardAsync(IBlobStore blobs, string runId)
    {
        await blobs.DeleteAsync(RunBlobNames.Curve(runId), CancellationToken.None).ConfigureAwait(false);
        await blobs.DeleteFolderAsync(RunBlobNames.WorkingFolder(runId), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="DiscardAsync"/> for the cancel and failure paths. Best effort: the run's status is already
    /// settled, so a storage error is logged rather than thrown.
    /// </summary>
    public static async Task TryDiscardAsync(IBlobStore blobs, string runId, ILogger logger)
    {
        try
        {
            await DiscardAsync(blobs, runId).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not discard the blobs of run {RunId}", runId);
        }
    }
}
