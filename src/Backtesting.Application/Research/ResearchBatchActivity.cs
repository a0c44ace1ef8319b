using System.Text;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>
/// Evaluates one batch of a research run's units and stores the results as a blob (batches can hold far
/// more than a Durable message may), answering only with the count; a cancelled run stops here, and a
/// batch that finishes after its run ended deletes its own blob.
/// </summary>
public abstract class ResearchBatchActivity<TJob>(ResearchJobs jobs, IBlobStore blobs) : Activity<ResearchBatchInput, ResearchBatchOutcome>
{
    public sealed override async Task<ResearchBatchOutcome> RunAsync(ResearchBatchInput input, CancellationToken ct)
    {
        if (await jobs.GetActiveAsync<TJob>(input.RunId, ct).ConfigureAwait(false) is not { } active)
            return new ResearchBatchOutcome(input.Batch, "", 0, Cancelled: true);
        var content = await EvaluateAsync(active.Job, input.Start, input.Count, ct).ConfigureAwait(false);
        string blob = await blobs.PutAsync(ResearchResults.BatchBlob(input.RunId, input.Batch), content, ContentType, ct).ConfigureAwait(false);
        // A cancel or failure while this batch ran may have discarded the working folder before the blob
        // landed: look again, and clean up after ourselves (without the token, which a cancel trips).
        if (await jobs.HasEndedAsync(input.RunId, CancellationToken.None).ConfigureAwait(false))
        {
            await blobs.DeleteAsync(blob, CancellationToken.None).ConfigureAwait(false);
            return new ResearchBatchOutcome(input.Batch, "", 0, Cancelled: true);
        }
        return new ResearchBatchOutcome(input.Batch, blob, input.Count);
    }

    /// <summary>The batch's results as the blob's bytes (<see cref="FinalizeResearchActivity{TJob}"/> reads them back).</summary>
    protected abstract Task<byte[]> EvaluateAsync(TJob job, int start, int count, CancellationToken ct);

    /// <summary>Content type of the batch blobs: JSON unless a kind stores its own encoding.</summary>
    protected virtual string ContentType => "application/json";

    protected static byte[] JsonBytes<T>(T value) => Encoding.UTF8.GetBytes(WorkflowJson.Serialize(value));
}
