using Backtesting.Application.Schedules;
using Backtesting.Application.Workflows;

namespace Backtesting.Local.Startup;

/// <summary>
/// The local host's schedule timer: every <c>Backtesting:Schedules:LocalTickSeconds</c> (default 60,
/// 0 turns it off) it starts due slots through the in-process runner, as the Functions timer does with Durable.
/// </summary>
public sealed class LocalScheduleTimer(ScheduleService schedules, IWorkflowStarter starter, TimeProvider time, IConfiguration configuration,
    ILogger<LocalScheduleTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int seconds = configuration.GetValue("Backtesting:Schedules:LocalTickSeconds", 60);
        if (seconds <= 0) return;
        var period = TimeSpan.FromSeconds(seconds);
        var due = new DueSlotStarter(schedules, starter, time, logger);
        using var timer = new PeriodicTimer(period, time);
        do
        {
            try
            {
                // look back over a few periods so a slot is not missed between two ticks; a slot seen twice starts once
                await due.StartDueSlotsAsync(period * 3, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Schedule tick failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
