using Backtesting.Application.Workflows;

namespace Backtesting.Application.Schedules;

/// <summary>
/// One slot of a schedule: launches one optimization per asset (run ids derived from schedule, slot
/// and asset, so a replayed or repeated slot starts nothing twice), then records the slot. An asset
/// that cannot start is recorded with its reason and does not stop the others.
/// </summary>
public sealed class ScheduledOptimizationWorkflow : IWorkflow
{
    private static readonly ActivityName<ScheduledOptimizationLaunch, string> Launch = ActivityName<ScheduledOptimizationLaunch, string>.Of<LaunchScheduledOptimizationActivity>();
    private static readonly ActivityName<ScheduleSlotRecord, bool> Record = ActivityName<ScheduleSlotRecord, bool>.Of<RecordScheduleSlotActivity>();

    public string Name => nameof(ScheduledOptimizationWorkflow);

    public async Task<object?> RunAsync(IWorkflowContext context)
    {
        var job = context.GetInput<ScheduledOptimizationJob>();
        var schedule = job.Schedule;
        DateTime? start = schedule.LookbackDays is { } days ? job.SlotUtc.AddDays(-days) : null;
        var runIds = new List<string>();
        var failures = new Dictionary<string, string>();
        foreach (var asset in schedule.Assets)
        {
            var launch = new ScheduledOptimizationLaunch(schedule, job.SlotUtc, asset, start, job.SlotUtc, ScheduleRunIds.For(schedule.Id, job.SlotUtc, asset));
            try
            {
                runIds.Add(await context.CallActivityAsync(Launch, launch));
            }
            catch (ActivityFailedException ex)
            {
                failures[asset] = ex.FailureMessage;
            }
        }
        var record = new ScheduleSlotRecord(schedule.Id, job.SlotUtc, runIds, failures);
        await context.CallActivityAsync(Record, record);
        return record;
    }
}
