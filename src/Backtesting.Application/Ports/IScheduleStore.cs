using Backtesting.Application.Schedules;

namespace Backtesting.Application.Ports;

/// <summary>Scheduled batch optimizations (table <c>backtest_schedules</c> in SQL stores).</summary>
public interface IScheduleStore
{
    Task CreateAsync(OptimizationSchedule schedule, CancellationToken ct = default);

    /// <summary>The schedule if it belongs to <paramref name="userId"/>; null otherwise (another user's schedule is "not found").</summary>
    Task<OptimizationSchedule?> GetAsync(string userId, string scheduleId, CancellationToken ct = default);

    /// <summary>A user's schedules, oldest first.</summary>
    Task<IReadOnlyList<OptimizationSchedule>> ListAsync(string userId, CancellationToken ct = default);

    /// <summary>Every enabled schedule of every user (for the timer).</summary>
    Task<IReadOnlyList<OptimizationSchedule>> ListEnabledAsync(CancellationToken ct = default);

    /// <summary>Deletes a user's schedule; false when there is none with that id for that user.</summary>
    Task<bool> DeleteAsync(string userId, string scheduleId, CancellationToken ct = default);

    /// <summary>Records that the slot at <paramref name="slotUtc"/> ran and which runs it started; an older slot never overwrites a newer one.</summary>
    Task RecordSlotAsync(string scheduleId, DateTime slotUtc, IReadOnlyList<string> runIds, CancellationToken ct = default);
}
