using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using ModelContextProtocol;

namespace Backtesting.Mcp.Tools;

/// <summary>
/// Waits a bounded time for a run to finish, reporting its progress as MCP progress notifications.
/// Wakes on the run's in-process events and also polls the store, because on Azure the workers run in
/// other processes and publish no local events.
/// </summary>
internal sealed class RunWaiter(BacktestService backtests, RunEventHub events, TimeProvider time)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The run when it finished, or as it stands when <paramref name="wait"/> ran out.</summary>
    public async Task<RunView> WaitAsync(string userId, RunView run, TimeSpan wait, ProgressNotifier progress, CancellationToken ct)
    {
        if (wait <= TimeSpan.Zero || RunStatus.IsTerminal(run.Status)) return run;
        using var subscription = events.Subscribe(run.BacktestId);
        var deadline = time.GetUtcNow() + wait;
        double reported = -1;
        while (true)
        {
            // read after subscribing, so an event published in between still wakes the loop
            var current = await backtests.GetAsync(userId, run.BacktestId, ct).ConfigureAwait(false) ?? run;
            // the specification wants every notification's progress to be higher than the last one
            if (current.Progress > reported)
            {
                reported = current.Progress;
                await progress.NotifyAsync(new ProgressNotificationValue { Progress = (float)current.Progress, Total = 100, Message = Describe(current) }, ct).ConfigureAwait(false);
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

    private static string Describe(RunView run) =>
        run.CurrentDate is { } date
            ? $"{run.Status}: {run.Progress:0.#} % ({date:yyyy-MM-dd} reached, {(run.Unit is { } unit ? $"{run.UnitsDone} {unit}" : $"{run.TradesExecuted} trades")})"
            : $"{run.Status}: {run.Progress:0.#} %";
}
