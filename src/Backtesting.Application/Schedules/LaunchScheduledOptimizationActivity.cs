using Backtesting.Application.Workflows;

namespace Backtesting.Application.Schedules;

/// <summary>Starts one scheduled optimization run through the optimization use case.</summary>
public sealed class LaunchScheduledOptimizationActivity(IScheduledOptimizationLauncher launcher) : Activity<ScheduledOptimizationLaunch, string>
{
    public override Task<string> RunAsync(ScheduledOptimizationLaunch input, CancellationToken ct) => launcher.LaunchAsync(input, ct);
}
