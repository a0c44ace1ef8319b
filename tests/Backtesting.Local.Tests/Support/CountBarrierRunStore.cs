using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests.Support;

/// <summary>
/// An <see cref="IRunStore"/> whose first <c>parties</c> <see cref="CountActiveAsync"/> calls all wait until the
/// last one arrives: every submission has counted before any stores its run, the worst interleaving of a
/// check-then-insert, made certain instead of left to timing.
/// </summary>
public sealed class CountBarrierRunStore(IRunStore inner, int parties) : IRunStore
{
    private readonly TaskCompletionSource _allCounted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public async Task<int> CountActiveAsync(string userId, CancellationToken ct = default)
    {
        int count = await inner.CountActiveAsync(userId, ct);
        int arrived = Interlocked.Increment(ref _arrived);
        if (arrived == parties) _allCounted.TrySetResult();
        if (arrived <= parties) await _allCounted.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        return count;
    }

    public Task CreateAsync(BacktestRun run, CancellationToken ct = default) => inner.CreateAsync(run, ct);
    public Task<bool> TryCreateWithinLimitAsync(BacktestRun run, int maxActive, CancellationToken ct = default) => inner.TryCreateWithinLimitAsync(run, maxActive, ct);
    public Task<BacktestRun?> GetAsync(string userId, string runId, CancellationToken ct = default) => inner.GetAsync(userId, runId, ct);
    public Task<BacktestRun?> GetByIdAsync(string runId, CancellationToken ct = default) => inner.GetByIdAsync(runId, ct);
    public Task<Page<BacktestRun>> ListAsync(RunQuery query, CancellationToken ct = default) => inner.ListAsync(query, ct);
    public Task<IReadOnlyList<BacktestRun>> ListUnfinishedAsync(CancellationToken ct = default) => inner.ListUnfinishedAsync(ct);
    public Task<IReadOnlyList<BacktestRun>> ListChildrenAsync(string parentRunId, CancellationToken ct = default) => inner.ListChildrenAsync(parentRunId, ct);
    public Task<bool> TryTransitionAsync(string runId, IReadOnlyCollection<string> from, string status, string? error = null, CancellationToken ct = default) =>
        inner.TryTransitionAsync(runId, from, status, error, ct);
    public Task UpdateProgressAsync(RunProgress progress, CancellationToken ct = default) => inner.UpdateProgressAsync(progress, ct);
    public Task CompleteAsync(RunCompletion completion, CancellationToken ct = default) => inner.CompleteAsync(completion, ct);
    public Task<RunResultRecord?> GetResultAsync(string runId, CancellationToken ct = default) => inner.GetResultAsync(runId, ct);
    public Task<Page<TradeRecord>> GetTradesAsync(string runId, int offset, int limit, CancellationToken ct = default) => inner.GetTradesAsync(runId, offset, limit, ct);

    /// <summary>Replaces the IRunStore registration with a barrier around it.</summary>
    public static Action<IServiceCollection> Install(int parties) => services =>
    {
        var original = services.Last(d => d.ServiceType == typeof(IRunStore));
        services.Remove(original);
        services.AddSingleton<IRunStore>(sp =>
        {
            var inner = (IRunStore)(original.ImplementationFactory?.Invoke(sp) ?? original.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!));
            return new CountBarrierRunStore(inner, parties);
        });
    };
}
