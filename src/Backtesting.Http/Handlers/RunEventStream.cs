using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Application.Runs;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Http.Handlers;

/// <summary>
/// Streams a run's events as text/event-stream until completion or disconnect: the current progress first, then every
/// backtest_progress message, ending with backtest_complete. A run executed in this process is followed on the event hub
/// alone (no store reads while it runs); a run executed elsewhere (another instance, a Durable worker) publishes nothing
/// here, so the store is read whenever the hub stays quiet (<see cref="ServerSentEvents.FollowAsync"/>).
/// </summary>
internal sealed class RunEventStream(RunEventHub hub, ILocalRuns? localRuns, BacktestService service, TimeProvider time, string userId, string runId) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        ServerSentEvents.Start(http);
        var ct = http.RequestAborted;
        using var subscription = hub.Subscribe(runId);
        // after subscribing, so nothing published in between is missed
        var run = await service.GetAsync(userId, runId, ct);
        if (run is null) return;
        await ServerSentEvents.WriteAsync(http, RunEvent.Progress, ProgressMessage.From(run), ct);
        if (RunStatus.IsTerminal(run.Status))
        {
            await ServerSentEvents.WriteAsync(http, RunEvent.Complete, await CompletionMessage.OfEndedRunAsync(hub, service, userId, run, ct), ct);
            return;
        }
        double shown = run.Progress;
        try
        {
            await ServerSentEvents.FollowAsync(http, subscription, localRuns, runId, e =>
            {
                if (e.Data is ProgressMessage p) shown = p.Progress;
                return true;
            }, async pollCt =>
            {
                var polled = await service.GetAsync(userId, runId, pollCt);
                if (polled is null) return null;
                var events = new List<RunEvent>();
                if (polled.Progress > shown)
                {
                    shown = polled.Progress;
                    events.Add(new RunEvent(RunEvent.Progress, runId, userId, ProgressMessage.From(polled)));
                }
                if (RunStatus.IsTerminal(polled.Status))
                    events.Add(new RunEvent(RunEvent.Complete, runId, userId, await CompletionMessage.OfEndedRunAsync(hub, service, userId, polled, pollCt)));
                return events;
            }, time, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
