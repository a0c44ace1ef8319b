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

    public static string ChunkTrades(string runId, int chunk) => $"{WorkingFolder(runId)}/chunks/{chunk:D5}.trades.json";
}
