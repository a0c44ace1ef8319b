namespace Backtesting.Application.Schedules;

/// <summary>Input of <see cref="ScheduledOptimizationWorkflow"/>: the schedule as it was at its slot.</summary>
public sealed record ScheduledOptimizationJob(OptimizationSchedule Schedule, DateTime SlotUtc);
