using Backtesting.Local.Apis;

namespace Backtesting.Local.Startup;

/// <summary>
/// Whether the service has finished its start-up warm-up (GET /api/health/ready). A failed warm-up still ends ready:
/// the service works, only slower until its code is compiled.
/// </summary>
public sealed class StartupReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ReadinessView _view;

    public StartupReadiness(int warmupRuns)
    {
        _view = new ReadinessView(ReadinessView.WarmingUp, ReadinessView.WarmupRunning, warmupRuns);
        if (warmupRuns == 0) Complete(ReadinessView.WarmupOff, null, null);
    }

    /// <summary>Completes when the service reports ready.</summary>
    public Task WhenReady => _ready.Task;

    public ReadinessView View => _view;

    internal void Complete(string warmup, long? elapsedMs, string? error)
    {
        _view = _view with { Status = ReadinessView.Ready, Warmup = warmup, ElapsedMs = elapsedMs, Error = error };
        _ready.TrySetResult();
    }
}
