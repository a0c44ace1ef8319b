namespace Backtesting.Application.Schedules;

/// <summary>What a slot started: its runs, and the assets that could not start with the reason.</summary>
public sealed record ScheduleSlotRecord(string ScheduleId, DateTime SlotUtc, IReadOnlyList<string> RunIds, IReadOnlyDictionary<string, string> Failures);
