using Backtesting.Application.Events;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Telemetry;
using Backtesting.Application.Workflows;
using Microsoft.Extensions.Logging;

namespace Backtesting.Application.Backtests;

/// <summary>Marks a run failed (unless it already ended), discards its working blobs and tells listeners.</summary>
public sealed class FailRunActivity(IRunStore runs, BacktestInputsCache inputs, IBlobStore blobs, IRunEventPublisher events, BacktestingMetrics metrics, ILogger<FailRunActivity> logger)
    : Activity<FailRunInput, bool>
{
    /// <summary>How every workflow calls it (each fails its run through this one activity).</summary>
    public static ActivityName<FailRunInput, bool> Call { get; } = ActivityName<FailRunInput, bool>.Of<FailRunActivity>();

    public override async Task<bool> RunAsync(FailRunInput input, CancellationToken ct)
    {
        inputs.Evict(input.RunId);
        bool changed = await runs.TryTransitionAsync(input.RunId, [RunStatus.Pending, RunStatus.Running], RunStatus.Failed, input.Error, ct).ConfigureAwait(false);
        if (changed)
        {
            var run = await runs.GetByIdAsync(input.RunId, ct).ConfigureAwait(false);
            metrics.RunFailed(run?.Kind ?? RunKind.Backtest);
            await RunCompleter.TryDiscardAsync(blobs, input.RunId, logger).ConfigureAwait(false);
            events.Publish(new RunEvent(RunEvent.Complete, input.RunId, input.UserId, CompletionMessage.Create(input.RunId, RunStatus.Failed, null, null, input.Error)));
        }
        return changed;
    }
}
