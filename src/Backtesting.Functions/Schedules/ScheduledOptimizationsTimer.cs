using Backtesting.Application.Schedules;
using Backtesting.Application.Workflows;
using Backtesting.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backtesting.Functions.Schedules;

/// <summary>
/// Timer trigger of scheduled batch optimizations: each tick starts the due slot of every enabled
/// schedule as a singleton orchestration whose instance id is fixed per schedule and slot, so
/// overlapping ticks, retries and several instances start each slot once.
/// </summary>
public sealed class ScheduledOptimizationsTimer(
    ScheduleService schedules, IWorkflowStarter starter, DurableClientScope durable, IOptions<ScheduleTimerOptions> options,
    TimeProvider time, ILogger<ScheduledOptimizationsTimer> logger)
{
    [Function(nameof(ScheduledOptimizationsTimer))]
    public async Task RunAsync([TimerTrigger("%SCHEDULES_TIMER_CRON%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        if (timer.IsPastDue) logger.LogInformation("Schedule timer is running late");
        using (durable.Use(client))
            await StartDueSlotsAsync(context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts every due slot (see <see cref="DueSlotStarter"/>); returns their instance ids.</summary>
    public Task<IReadOnlyList<string>> StartDueSlotsAsync(CancellationToken ct) =>
        new DueSlotStarter(schedules, starter, time, logger).StartDueSlotsAsync(options.Value.Lookback, ct);
}
