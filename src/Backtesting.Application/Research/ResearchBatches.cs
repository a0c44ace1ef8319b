using Backtesting.Application.Ports;

namespace Backtesting.Application.Research;

/// <summary>A research run's batch blobs, read one at a time, so a merge holds only what it keeps (a million-cell search streams).</summary>
public sealed class ResearchBatches(IBlobStore blobs, string runId, int count)
{
    public int Count => count;

    public async Task<byte[]> ReadAsync(int batch, CancellationToken ct) =>
        await blobs.GetAsync(ResearchResults.BatchBlob(runId, batch), ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"batch {batch} of {runId} is missing");

    /// <summary>Every batch in order (for kinds whose merge needs them all at once).</summary>
    public async Task<IReadOnlyList<byte[]>> ReadAllAsync(CancellationToken ct)
    {
        var all = new List<byte[]>(count);
        for (int b = 0; b < count; b++) all.Add(await ReadAsync(b, ct).ConfigureAwait(false));
        return all;
    }
}
