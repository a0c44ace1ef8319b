namespace Backtesting.Application.Backtests;

/// <summary>Where a run's blobs live.</summary>
public static class RunBlobNames
{
    public static string Curve(string runId) => $"curves/{runId}.eqc";

    /// <summary>
    /// The folder of a run's working blobs: chunks and batches until it completes, then a research run's
    /// full tables. A cancelled or failed run's folder is discarded.
    /// </summary>
    public static string WorkingFolder(string runId) => $"runs/{runId}";

    public static string ChunkEquity(string runId, int chunk) => $"{WorkingFolder(runId)}/chunks/{chunk:D5}.eqc";

    /// <summary>
    /// A chunk's trades blob. The name keeps ".json" from the JSON blobs written before 2026-12-05 (now the binary
    /// <see cref="ChunkTradesCodec"/> blob): a finalization after the upgrade finds the chunks written before it.
    /// </summary>
    public static string ChunkTrades(string runId, int chunk) => $"{WorkingFolder(runId)}/chunks/{chunk:D5}.trades.json";
}
