using Backtesting.Application.Ports;
using Backtesting.Application.Workflows;
using Microsoft.Extensions.Logging;

namespace Backtesting.Application.Schedules;

/// <summary>Stores which runs a slot started, so the next timer tick does not start the slot again.</summary>
public sealed class RecordScheduleSlotActivity(IScheduleStore schedules, ILogger<RecordScheduleSlotActivity> logger) : Activity<ScheduleSlotRecord, bool>
{
    public override async Task<bool> RunAsync(ScheduleSlotRecord input, CancellationToken ct)
    {
        await schedules.RecordSlotAsync(input.ScheduleId, input.SlotUtc, input.RunIds, ct).ConfigureAwait(false);
        foreach (var (asset, reason) in input.Failures)
            logger.LogWarning("Schedule {ScheduleId} slot {Slot}: {Asset} did not start: {Reason}", input.ScheduleId, input.SlotUtc, asset, reason);
        return true;
    }
}
