using System.Text;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;

namespace Backtesting.Application.Schedules;

/// <summary>
/// Interim <see cref="IScheduleStore"/> keeping every schedule in one JSON blob. Writes are
/// serialized within a process only; hosts with several instances should register a SQL store
/// (table <c>backtest_schedules</c>), which then replaces this one.
/// </summary>
public sealed class BlobScheduleStore(IBlobStore blobs) : IScheduleStore
{
    public const string BlobName = "schedules/schedules.json";
    private readonly SemaphoreSlim _writes = new(1, 1);

    public Task CreateAsync(OptimizationSchedule schedule, CancellationToken ct = default) =>
        UpdateAsync(all => all.Add(schedule), ct);

    public async Task<OptimizationSchedule?> GetAsync(string userId, string scheduleId, CancellationToken ct = default) =>
        (await ReadAsync(ct).ConfigureAwait(false)).FirstOrDefault(s => s.Id == scheduleId && s.UserId == userId);

    public async Task<IReadOnlyList<OptimizationSchedule>> ListAsync(string userId, CancellationToken ct = default) =>
        (await ReadAsync(ct).ConfigureAwait(false)).Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).ToArray();

    public async Task<IReadOnlyList<OptimizationSchedule>> ListEnabledAsync(CancellationToken ct = default) =>
        (await ReadAsync(ct).ConfigureAwait(false)).Where(s => s.Enabled).ToArray();

    public async Task<bool> DeleteAsync(string userId, string scheduleId, CancellationToken ct = default)
    {
        bool deleted = false;
        await UpdateAsync(all => deleted = all.RemoveAll(s => s.Id == scheduleId && s.UserId == userId) > 0, ct).ConfigureAwait(false);
        return deleted;
    }

    public Task RecordSlotAsync(string scheduleId, DateTime slotUtc, IReadOnlyList<string> runIds, CancellationToken ct = default) =>
        UpdateAsync(all =>
        {
            int i = all.FindIndex(s => s.Id == scheduleId);
            if (i >= 0 && (all[i].LastSlotUtc is null || all[i].LastSlotUtc < slotUtc))
                all[i] = all[i] with { LastSlotUtc = slotUtc, LastRunIds = runIds.ToArray() };
        }, ct);

    private async Task<List<OptimizationSchedule>> ReadAsync(CancellationToken ct)
    {
        var bytes = await blobs.GetAsync(BlobName, ct).ConfigureAwait(false);
        return bytes is null ? [] : WorkflowJson.Deserialize<List<OptimizationSchedule>>(Encoding.UTF8.GetString(bytes));
    }

    private async Task UpdateAsync(Action<List<OptimizationSchedule>> change, CancellationToken ct)
    {
        await _writes.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var all = await ReadAsync(ct).ConfigureAwait(false);
            change(all);
            await blobs.PutAsync(BlobName, Encoding.UTF8.GetBytes(WorkflowJson.Serialize(all)), "application/json", ct).ConfigureAwait(false);
        }
        finally
        {
            _writes.Release();
        }
    }
}
