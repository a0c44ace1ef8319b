namespace Backtesting.Application.Schedules;

/// <summary>The launcher until the optimization use case registers its own: every launch fails with the reason.</summary>
public sealed class UnavailableOptimizationLauncher : IScheduledOptimizationLauncher
{
    public Task<string> LaunchAsync(ScheduledOptimizationLaunch launch, CancellationToken ct = default) =>
        throw new NotSupportedException("optimization runs are not available in this build, so scheduled optimizations cannot start");
}
