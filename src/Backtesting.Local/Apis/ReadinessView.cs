using System.Text.Json.Serialization;

namespace Backtesting.Local.Apis;

/// <summary>
/// GET /api/health/ready: <c>warming_up</c> (503) while the start-up warm-up runs, <c>ready</c> (200) after it, with how the
/// warm-up went (<c>running</c>, <c>completed</c>, <c>failed</c>: the service works, slower at first; <c>off</c>).
/// </summary>
public sealed record ReadinessView(
    string Status,
    string Warmup,
    int WarmupRuns,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ElapsedMs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null)
{
    public const string WarmingUp = "warming_up", Ready = "ready";
    public const string WarmupRunning = "running", WarmupCompleted = "completed", WarmupFailed = "failed", WarmupOff = "off";
}
