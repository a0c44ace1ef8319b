using Backtesting.Application.Schedules;
using Microsoft.Azure.Functions.Worker;

namespace Backtesting.Functions.Activities;

/// <summary>The scheduled optimization workflow's activities.</summary>
public sealed class ScheduleActivityFunctions(ActivityDispatcher dispatcher)
{
    [Function(nameof(LaunchScheduledOptimizationActivity))]
    public Task<string> LaunchScheduledOptimizationAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(LaunchScheduledOptimizationActivity), input, cancellationToken);

    [Function(nameof(RecordScheduleSlotActivity))]
    public Task<string> RecordScheduleSlotAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(RecordScheduleSlotActivity), input, cancellationToken);
}
