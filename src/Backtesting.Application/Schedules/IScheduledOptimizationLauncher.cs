namespace Backtesting.Application.Schedules;

/// <summary>
/// Starts one optimization run for a schedule slot, stored like any optimization. Implemented by the
/// optimization use case; launching a run id that exists already returns it without starting again.
/// </summary>
public interface IScheduledOptimizationLauncher
{
    /// <summary>Returns the run id (<see cref="ScheduledOptimizationLaunch.RunId"/>).</summary>
    Task<string> LaunchAsync(ScheduledOptimizationLaunch launch, CancellationToken ct = default);
}
