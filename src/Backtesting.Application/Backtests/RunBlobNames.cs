namespace Backtesting.Application.Backtests;

/// <summary>Where a run's blobs live.</summary>
public static class RunBlobNames
{
    public static string Curve(string runId) => $"curves/{runId}.eqc";
    public static string ChunkEquity(string runId, int chunk) => $"runs/{runId}/chunks/{chunk:D5}.eqc";
    public static string ChunkTrades(string runId, int chunk) => $"runs/{runId}/chunks/{chunk:D5}.trades.json";
}
