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

    /// <summary>Starts every due slot; returns their instance ids. One slot failing to start does not stop the others.</summary>
    public async Task<IReadOnlyList<string>> StartDueSlotsAsync(CancellationToken ct)
    {
        var started = new List<string>();
        foreach (var slot in await schedules.DueSlotsAsync(time.GetUtcNow().UtcDateTime, options.Value.Lookback, ct).ConfigureAwait(false))
        {
            try
            {
                await starter.StartAsync(nameof(ScheduledOptimizationWorkflow), slot.InstanceId, new ScheduledOptimizationJob(slot.Schedule, slot.SlotUtc), ct).ConfigureAwait(false);
                started.Add(slot.InstanceId);
                logger.LogInformation("Schedule {ScheduleId} of user {UserId}: slot {Slot} started as {InstanceId}", slot.Schedule.Id, slot.Schedule.UserId, slot.SlotUtc, slot.InstanceId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Schedule {ScheduleId}: slot {Slot} could not start", slot.Schedule.Id, slot.SlotUtc);
            }
        }
        return started;
    }
}
