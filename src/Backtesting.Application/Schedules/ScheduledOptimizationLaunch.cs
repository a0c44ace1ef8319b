namespace Backtesting.Application.Schedules;

/// <summary>One optimization of a slot: the schedule, the asset, the window and the run id it must get (idempotent launches).</summary>
public sealed record ScheduledOptimizationLaunch(OptimizationSchedule Schedule, DateTime SlotUtc, string AssetSymbol, DateTime? StartDate, DateTime EndDate, string RunId);
