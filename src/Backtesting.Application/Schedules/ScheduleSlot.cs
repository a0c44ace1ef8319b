using System.Globalization;

namespace Backtesting.Application.Schedules;

/// <summary>One firing of a schedule. Its instance id is fixed per schedule and slot, so it starts at most once.</summary>
public sealed record ScheduleSlot(OptimizationSchedule Schedule, DateTime SlotUtc)
{
    public string InstanceId => InstanceIdFor(Schedule.Id, SlotUtc);

    public static string InstanceIdFor(string scheduleId, DateTime slotUtc) =>
        $"{scheduleId}-slot-{slotUtc.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}";
}
