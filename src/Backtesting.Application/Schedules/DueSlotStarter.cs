using Backtesting.Application.Workflows;
using Microsoft.Extensions.Logging;

namespace Backtesting.Application.Schedules;

/// <summary>
/// One tick of the schedule timer, for any host: starts the due slot of every enabled schedule as a
/// workflow whose instance id is fixed per schedule and slot, so overlapping ticks start each slot once
/// (and the launcher is idempotent by run id besides).
/// </summary>
public sealed class DueSlotStarter(ScheduleService schedules, IWorkflowStarter starter, TimeProvider time, ILogger logger)
{
    /// <summary>Starts every due slot; returns their instance ids. One slot failing to start does not stop the others.</summary>
    public async Task<IReadOnlyList<string>> StartDueSlotsAsync(TimeSpan lookback, CancellationToken ct)
    {
        var started = new List<string>();
        foreach (var slot in await schedules.DueSlotsAsync(time.GetUtcNow().UtcDateTime, lookback, ct).ConfigureAwait(false))
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
