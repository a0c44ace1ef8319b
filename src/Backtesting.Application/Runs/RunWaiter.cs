using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Application.Views;

namespace Backtesting.Application.Runs;

/// <summary>
/// Waits a bounded time for a run to finish (MCP tools' <c>wait_seconds</c>, REST's <c>GET /api/backtests/{id}?wait_seconds=</c>).
/// Wakes on the run's in-process events, so a run this process executes is seen ending when it ends, and also polls the
/// store, because on Azure the workers run in other processes and publish no local events.
/// </summary>
public sealed class RunWaiter(BacktestService backtests, RunEventHub events, TimeProvider time)
{
    /// <summary>The longest wait a caller may ask for (a request held longer than this meets proxies' and clients' timeouts).</summary>
    public const int MaxWaitSeconds = 120;

    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The run when it finished, or as it stands when <paramref name="wait"/> ran out (deleted meanwhile: as it was given).
    /// <paramref name="progressed"/> hears every reading whose progress is higher than the last one's.
    /// </summary>
    public async Task<RunView> WaitAsync(string userId, RunView run, TimeSpan wait, Func<RunView, CancellationToken, ValueTask>? progressed, CancellationToken ct)
    {
        if (wait <= TimeSpan.Zero) return run;
        if (RunStatus.IsTerminal(run.Status))
        {
            // reported once as it stands: a client following a run that ended before it asked still hears where it ended
            if (progressed is not null) await progressed(run, ct).ConfigureAwait(false);
            return run;
        }
        using var subscription = events.Subscribe(run.BacktestId);
        var deadline = time.GetUtcNow() + wait;
        double reported = -1;
        while (true)
        {
            // read after subscribing, so an event published in between still wakes the loop
            var current = await backtests.GetAsync(userId, run.BacktestId, ct).ConfigureAwait(false) ?? run;
            // MCP's specification wants every notification's progress to be higher than the last one
            if (current.Progress > reported)
            {
                reported = current.Progress;
                if (progressed is not null) await progressed(current, ct).ConfigureAwait(false);
            }
            var remaining = deadline - time.GetUtcNow();
            if (RunStatus.IsTerminal(current.Status) || remaining <= TimeSpan.Zero) return current;

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(remaining < PollInterval ? remaining : PollInterval);
            try
            {
                if (!await subscription.Events.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                    await Task.Delay(PollInterval / 5, time, timeout.Token).ConfigureAwait(false); // final event seen: the store already has the end state
                while (subscription.Events.TryRead(out _))
                {
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
            }
        }
    }
}
