using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;

namespace Backtesting.Application.Research;

/// <summary>Reads a research run and its job (the run's stored request) for activities, which get only the run id.</summary>
public sealed class ResearchJobs(IRunStore runs)
{
    /// <summary>Marks the run running; null when it was cancelled (or is gone) before it started.</summary>
    public async Task<(BacktestRun Run, TJob Job)?> StartAsync<TJob>(string runId, CancellationToken ct)
    {
        var run = await runs.GetByIdAsync(runId, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"run {runId} does not exist");
        if (run.Status == RunStatus.Cancelled) return null;
        await runs.TryTransitionAsync(runId, [RunStatus.Pending], RunStatus.Running, ct: ct).ConfigureAwait(false);
        return (run, JobOf<TJob>(run));
    }

    /// <summary>The run and its job while it may still do work; null once it was cancelled or is gone.</summary>
    public async Task<(BacktestRun Run, TJob Job)?> GetActiveAsync<TJob>(string runId, CancellationToken ct)
    {
        var run = await runs.GetByIdAsync(runId, ct).ConfigureAwait(false);
        return run is null || run.Status == RunStatus.Cancelled ? null : (run, JobOf<TJob>(run));
    }

    /// <summary>True once the run was cancelled, failed or completed, or is gone.</summary>
    public async Task<bool> HasEndedAsync(string runId, CancellationToken ct) =>
        await runs.GetByIdAsync(runId, ct).ConfigureAwait(false) is not { } run || RunStatus.IsTerminal(run.Status);

    /// <summary>The run (it must exist), whatever its status.</summary>
    public async Task<BacktestRun> GetAsync(string runId, CancellationToken ct) =>
        await runs.GetByIdAsync(runId, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"run {runId} does not exist");

    public static TJob JobOf<TJob>(BacktestRun run) =>
        WorkflowJson.Deserialize<TJob>(run.Request ?? throw new InvalidOperationException($"run {run.Id} has no stored job"));
}
