using Backtesting.Application.Ports;
using Microsoft.Extensions.Logging;

namespace Backtesting.Application.Backtests;

/// <summary>Discarding the working blobs (<see cref="RunBlobNames.WorkingFolder"/>) of a run that was cancelled or failed.</summary>
public static class WorkingBlobs
{
    /// <summary>
    /// Deletes the run's working folder. Best effort: the run's status is already settled, so a storage
    /// error is logged rather than thrown; it runs to the end even when the caller is being cancelled.
    /// </summary>
    public static async Task DiscardWorkingBlobsAsync(this IBlobStore blobs, string runId, ILogger logger)
    {
        try
        {
            int deleted = await blobs.DeleteFolderAsync(RunBlobNames.WorkingFolder(runId), CancellationToken.None).ConfigureAwait(false);
            if (deleted > 0) logger.LogInformation("Discarded {Count} working blobs of run {RunId}", deleted, runId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not discard the working blobs of run {RunId}", runId);
        }
    }
}
