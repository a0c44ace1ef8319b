namespace Backtesting.Functions.Schedules;

/// <summary>The schedule timer (configuration section "Backtesting:Schedules"; its cron is the app setting SCHEDULES_TIMER_CRON).</summary>
public sealed class ScheduleTimerOptions
{
    public const string SectionName = "Backtesting:Schedules";

    /// <summary>
    /// How far back a tick looks for a schedule's latest slot; longer than the timer's period so no
    /// slot falls between two ticks (a slot seen twice starts once: its instance id is fixed).
    /// </summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromMinutes(15);
}
